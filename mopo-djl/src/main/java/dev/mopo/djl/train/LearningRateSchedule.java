package dev.mopo.djl.train;

import dev.mopo.core.Checks;

/**
 * The learning rate at each optimiser step: linear warm-up from 0 to the peak over
 * {@code warmupSteps}, then cosine or linear decay to {@code peak · finalFraction} at
 * {@code totalSteps} (TRL's {@code cosine} and {@code linear} schedulers with warm-up).
 *
 * @param peak the learning rate after warm-up
 * @param warmupSteps steps of linear warm-up
 * @param totalSteps the step at which the decay ends
 * @param decay the shape of the decay
 * @param finalFraction where the decay ends, as a fraction of the peak
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps, Decay decay, double finalFraction) {

    /** How the learning rate falls after warm-up. */
    public enum Decay {
        COSINE,
        LINEAR,
        CONSTANT
    }

    /** Validates every field. */
    public LearningRateSchedule {
        Checks.positive("learning_rate", peak);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmup_steps must be >= 0, got " + warmupSteps);
        }
        Checks.atLeastOne("total steps", totalSteps);
        if (!(finalFraction >= 0 && finalFraction <= 1)) {
            throw new IllegalArgumentException("final learning-rate fraction must be in [0, 1], got " + finalFraction);
        }
    }

    /** The learning rate for optimiser step {@code step} (1-based). */
    public double at(long step) {
        if (step <= warmupSteps) {
            return peak * step / warmupSteps;
        }
        if (decay == Decay.CONSTANT) {
            return peak;
        }
        double progress = Math.min(1, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        double shape = decay == Decay.COSINE ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
        return peak * (finalFraction + (1 - finalFraction) * shape);
    }
}
