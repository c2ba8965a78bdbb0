package dev.mopo.bench.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scored response: a line of {@code samples.jsonl}.
 *
 * @param policy the policy's name
 * @param promptIndex the prompt's 0-based position among the evaluation's prompts
 * @param sampleIndex which of the prompt's samples, from 0
 * @param prompt the prompt text
 * @param response the response text
 * @param scores objective → score, in the order of the scorers and their objectives
 */
public record Sample(String policy, int promptIndex, int sampleIndex, String prompt, String response,
        Map<String, Double> scores) {

    /** Copies the scores, keeping their order. */
    public Sample {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /** The sample's key. */
    SampleKey key() {
        return new SampleKey(policy, promptIndex, sampleIndex);
    }
}
