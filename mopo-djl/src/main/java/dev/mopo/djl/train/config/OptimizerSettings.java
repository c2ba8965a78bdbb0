package dev.mopo.djl.train.config;

import dev.mopo.core.Checks;
import java.util.Objects;

/**
 * AdamW, its schedule and the batches it steps on (TRL's {@code TrainingArguments}).
 *
 * @param learningRate AdamW's peak learning rate ({@code learning_rate}, default 5e-7)
 * @param warmupSteps linear warm-up steps ({@code warmup_steps}, default 0)
 * @param lrSchedule the decay after warm-up ({@code lr_schedule}, default {@code cosine})
 * @param weightDecay AdamW's decoupled weight decay, not applied to biases and normalisation weights
 *     ({@code weight_decay}, default 0)
 * @param maxGradNorm clip gradients to this global L2 norm; 0 for none ({@code max_grad_norm}, default 1)
 * @param batchSize pairs per micro-batch ({@code batch_size}, default 8)
 * @param gradientAccumulation micro-batches per optimiser step ({@code gradient_accumulation}, default 1)
 * @param epochs passes over the training pairs, ignored when {@code max_steps > 0} ({@code epochs}, default 1)
 * @param maxSteps optimiser steps in all; 0 for as many as the epochs take ({@code max_steps}, default 0)
 */
public record OptimizerSettings(double learningRate, int warmupSteps, LrSchedule lrSchedule, double weightDecay,
        double maxGradNorm, int batchSize, int gradientAccumulation, int epochs, int maxSteps) {

    /** Validates the fields. */
    public OptimizerSettings {
        Checks.positive("learning_rate", learningRate);
        Checks.nonNegative("warmup_steps", warmupSteps);
        Objects.requireNonNull(lrSchedule, "lr_schedule");
        Checks.nonNegative("weight_decay", weightDecay);
        Checks.nonNegative("max_grad_norm", maxGradNorm);
        Checks.atLeastOne("batch_size", batchSize);
        Checks.atLeastOne("gradient_accumulation", gradientAccumulation);
        Checks.atLeastOne("epochs", epochs);
        Checks.nonNegative("max_steps", maxSteps);
    }

    /** Pairs per optimiser step. */
    public int pairsPerStep() {
        return batchSize * gradientAccumulation;
    }
}
