package dev.mopo.bench.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How the (prompt, sample) pairs of an evaluation are batched for generation: pair {@code j} is
 * sample {@code j mod samples} of prompt {@code j / samples}, and batch {@code b} holds pairs
 * {@code b·batchSize} to {@code (b+1)·batchSize − 1}. Every policy is generated in the same
 * batches with the same seeds, so the responses a policy is compared on are drawn with the same
 * random numbers as the reference's.
 *
 * @param prompts the number of prompts
 * @param samples samples per prompt
 * @param batchSize pairs per batch
 */
record GenerationPlan(int prompts, int samples, int batchSize) {

    /** One generation batch: its number and its pairs as {@code {prompt, sample}}. */
    record Batch(int number, List<int[]> pairs) {

        /** The seed of this batch's draws under the evaluation's {@code seed} (SplitMix64 of both). */
        long seed(long seed) {
            long z = seed + (number + 1L) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    /** The batches of {@code shard}, in order. */
    List<Batch> batches(Shard shard) {
        int total = prompts * samples;
        List<Batch> batches = new ArrayList<>();
        for (int number = 0; number * batchSize < total; number++) {
            if (!shard.contains(number)) {
                continue;
            }
            List<int[]> pairs = new ArrayList<>();
            for (int j = number * batchSize; j < Math.min(total, (number + 1) * batchSize); j++) {
                pairs.add(new int[] {j / samples, j % samples});
            }
            batches.add(new Batch(number, pairs));
        }
        return batches;
    }
}
