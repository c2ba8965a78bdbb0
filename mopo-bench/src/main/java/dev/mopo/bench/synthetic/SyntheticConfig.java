package dev.mopo.bench.synthetic;

import dev.mopo.core.Checks;
import dev.mopo.core.dual.DualConfig;
import java.util.Objects;

/**
 * Settings of one synthetic benchmark run. The defaults are those of the prototype in spec §5:
 * 20 responses, τ = 0.1, 20 000 sampled pairs, batch 512, 3 000 steps.
 *
 * @param responses N, the size of the response set
 * @param pairs the number of labelled pairs every method trains on
 * @param batchSize pairs per optimiser step
 * @param steps optimiser steps per method
 * @param tau the KL strength τ
 * @param learningRate Adam's initial learning rate (cosine decay to 0)
 * @param dual the estimator-driven ascent's settings (spec §5)
 * @param seed the seed of everything random: the structure, the data, the minibatches
 * @param dirichletReference a Dirichlet-random {@code π_ref = μ} instead of the uniform one
 * @param dataDual the data-dual variants' settings (spec §10)
 */
public record SyntheticConfig(int responses, int pairs, int batchSize, int steps, double tau, double learningRate,
        DualConfig dual, long seed, boolean dirichletReference, DataDualSettings dataDual) {

    /** The default suite. */
    public static final SyntheticConfig DEFAULT = new SyntheticConfig(20, 20_000, 512, 3_000, 0.1, 0.05,
            DualConfig.DEFAULT, 2024, false, DataDualSettings.DEFAULT);

    /** Validates every field. */
    public SyntheticConfig {
        Checks.atLeastOne("responses", responses - 1);
        Checks.atLeastOne("pairs", pairs);
        Checks.atLeastOne("batch_size", batchSize);
        Checks.atLeastOne("steps", steps);
        Checks.positive("tau", tau);
        Checks.positive("learning_rate", learningRate);
        Objects.requireNonNull(dataDual, "data_dual");
    }

    /** A copy with another step count. */
    public SyntheticConfig withSteps(int value) {
        return new SyntheticConfig(responses, pairs, batchSize, value, tau, learningRate, dual, seed, dirichletReference,
                dataDual);
    }

    /** A copy with another seed. */
    public SyntheticConfig withSeed(long value) {
        return new SyntheticConfig(responses, pairs, batchSize, steps, tau, learningRate, dual, value, dirichletReference,
                dataDual);
    }

    /** A copy with another number of responses. */
    public SyntheticConfig withResponses(int value) {
        return new SyntheticConfig(value, pairs, batchSize, steps, tau, learningRate, dual, seed, dirichletReference,
                dataDual);
    }
}
