package dev.mopo.bench.eval;

/**
 * A generated response, not yet scored: a line of {@code responses.jsonl}.
 *
 * @param policy the policy's name
 * @param promptIndex the prompt's position
 * @param sampleIndex which sample of the prompt
 * @param prompt the prompt text
 * @param response the response text
 */
record Generated(String policy, int promptIndex, int sampleIndex, String prompt, String response) {

    SampleKey key() {
        return new SampleKey(policy, promptIndex, sampleIndex);
    }
}
