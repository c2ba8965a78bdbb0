package dev.mopo.bench.eval;

import java.util.Map;

/**
 * One scorer's scores of a response: a line of {@code scores/SCORER.jsonl}.
 *
 * @param policy the policy's name
 * @param promptIndex the prompt's position
 * @param sampleIndex which sample of the prompt
 * @param scores objective → score
 */
record Scored(String policy, int promptIndex, int sampleIndex, Map<String, Double> scores) {

    SampleKey key() {
        return new SampleKey(policy, promptIndex, sampleIndex);
    }
}
