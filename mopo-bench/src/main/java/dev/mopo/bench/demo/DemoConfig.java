package dev.mopo.bench.demo;

import java.util.List;

/**
 * The sizes of the demo: model, warm-up, corpus, preference training and evaluation.
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
 * @param evalQuestions held-out questions per evaluated policy
 * @param seed the seed of everything random
 */
public record DemoConfig(int hidden, int layers, int warmupSteps, int warmupBatch, int pairs, int trainSteps,
        int batchSize, double learningRate, double tau, List<Double> thresholds, int evalQuestions, long seed) {

    /** The full demo (a few minutes on a 2-core CPU). */
    public static final DemoConfig DEFAULT =
            new DemoConfig(64, 2, 1500, 32, 4000, 400, 32, 2e-4, 0.1, List.of(0.55, 0.65), 400, 7);

    /** A reduced demo for tests: same pipeline, tiny sizes. */
    public static final DemoConfig REDUCED =
            new DemoConfig(32, 1, 30, 16, 200, 8, 8, 2e-3, 0.1, List.of(0.55, 0.65), 40, 7);
}
