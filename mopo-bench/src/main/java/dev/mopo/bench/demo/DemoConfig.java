package dev.mopo.bench.demo;

import java.util.List;

/**
 * The sizes of the demo: model, warm-up, corpus, the sweep's points, preference training and evaluation.
 *
 * @param hidden the model's hidden size
 * @param layers the model's decoder layers
 * @param warmupSteps supervised warm-up steps
 * @param warmupBatch answers per warm-up step
 * @param pairs labelled pairs in the preference corpus
 * @param trainSteps optimiser steps per preference run
 * @param batchSize pairs per preference step
 * @param learningRate the preference runs' peak learning rate
 * @param tau the KL strength
 * @param thresholds the conciseness thresholds MOPO is trained at
 * @param weights the weights of correctness in the scalarised baseline {@code dpo-ls} (conciseness gets 1 − w)
 * @param prompts distinct questions each policy answers in the evaluation (at most 100)
 * @param samples answers per question and policy
 * @param seeds training seeds per point (each its own run)
 * @param seed the seed of everything random, and the first training seed
 */
public record DemoConfig(int hidden, int layers, int warmupSteps, int warmupBatch, int pairs, int trainSteps,
        int batchSize, double learningRate, double tau, List<Double> thresholds, List<Double> weights, int prompts,
        int samples, int seeds, long seed) {

    /** The full demo with one seed (a few minutes on a 2-core CPU). */
    public static final DemoConfig DEFAULT = new DemoConfig(64, 2, 1500, 32, 4000, 400, 32, 2e-4, 0.1,
            List.of(0.55, 0.6, 0.65), List.of(0.25, 0.5, 0.75), 100, 4, 1, 7);

    /** A reduced demo for tests: same pipeline, tiny sizes. */
    public static final DemoConfig REDUCED = new DemoConfig(32, 1, 30, 16, 200, 8, 8, 2e-3, 0.1,
            List.of(0.55, 0.65), List.of(0.5), 10, 2, 1, 7);

    /** Copies the lists and checks the sizes. */
    public DemoConfig {
        thresholds = List.copyOf(thresholds);
        weights = List.copyOf(weights);
        if (prompts < 1 || prompts > 100) {
            throw new IllegalArgumentException("prompts must be in [1, 100] (the demo has 100 distinct questions), got "
                    + prompts);
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
        }
    }

    /** These sizes trained with {@code count} seeds per point. */
    public DemoConfig withSeeds(int count) {
        return new DemoConfig(hidden, layers, warmupSteps, warmupBatch, pairs, trainSteps, batchSize, learningRate, tau,
                thresholds, weights, prompts, samples, count, seed);
    }
}
