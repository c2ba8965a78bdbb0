package dev.mopo.bench.eval;

/** Which response: a policy's sample {@code sample} of prompt {@code prompt}. */
record SampleKey(String policy, int prompt, int sample) {}
