package dev.mopo.djl.train.optim;

import dev.mopo.core.Checks;
import dev.mopo.djl.train.config.LrSchedule;
import dev.mopo.djl.train.config.OptimizerSettings;

/**
 * The learning rate at each optimiser step: linear warm-up from 0 to the peak over
 * {@code warmup_steps}, then cosine or linear decay to 0 at the last step, or constant (TRL's
 * {@code cosine}, {@code linear} and {@code constant_with_warmup} schedulers).
 *
 * @param settings the peak ({@code learning_rate}), warm-up ({@code warmup_steps}) and decay ({@code lr_schedule})
 * @param totalSteps the step at which the decay ends
 */
public record LearningRateSchedule(OptimizerSettings settings, long totalSteps) {

    /** Validates the step count (the settings validate themselves). */
    public LearningRateSchedule {
        Checks.positive("total steps", totalSteps);
    }

    /** The learning rate for optimiser step {@code step} (1-based). */
    public double at(long step) {
        double peak = settings.learningRate();
        int warmup = settings.warmupSteps();
        if (step <= warmup) {
            return peak * step / warmup;
        }
        if (settings.lrSchedule() == LrSchedule.CONSTANT) {
            return peak;
        }
        double progress = Math.min(1, (double) (step - warmup) / Math.max(1, totalSteps - warmup));
        return peak * (settings.lrSchedule() == LrSchedule.COSINE ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress);
    }
}
