package dev.mopo.djl.train.optim;

/**
 * Dynamic loss scaling for fp16 training, as {@code torch.cuda.amp.GradScaler} with its defaults:
 * the loss is multiplied by the scale before backward so that small gradients survive fp16; a step
 * whose gradients overflow is skipped and the scale halved; after {@code growthInterval}
 * consecutive good steps the scale doubles. Powers of two keep unscaling exact.
 */
public final class LossScaler {

    /** GradScaler's initial scale, 2^16. */
    public static final double INITIAL_SCALE = 65536;
    /** GradScaler's growth interval. */
    public static final int GROWTH_INTERVAL = 2000;

    private final int growthInterval;
    private double scale;
    private int goodSteps;
    private int overflows;

    /** A scaler starting at {@code scale} that doubles after {@code growthInterval} good steps. */
    public LossScaler(double scale, int growthInterval) {
        if (!(scale > 0) || growthInterval < 1) {
            throw new IllegalArgumentException("loss scale must be > 0 and growth interval >= 1, got " + scale
                    + " and " + growthInterval);
        }
        this.scale = scale;
        this.growthInterval = growthInterval;
    }

    /** GradScaler's defaults: 2^16, doubling every 2000 good steps. */
    public static LossScaler standard() {
        return new LossScaler(INITIAL_SCALE, GROWTH_INTERVAL);
    }

    /** The factor the loss is multiplied by before backward. */
    public double scale() {
        return scale;
    }

    /** Optimiser steps skipped so far because the scaled gradients overflowed. */
    public int overflows() {
        return overflows;
    }

    /** Records a step's outcome: halves the scale on overflow, doubles it after enough good steps. */
    public void update(boolean overflowed) {
        if (overflowed) {
            scale /= 2;
            goodSteps = 0;
            overflows++;
        } else if (++goodSteps == growthInterval) {
            scale *= 2;
            goodSteps = 0;
        }
    }

    /** The state a checkpoint saves. */
    public State state() {
        return new State(scale, goodSteps, overflows);
    }

    /** Continues from a saved state. */
    public void restore(State state) {
        scale = state.scale();
        goodSteps = state.goodSteps();
        overflows = state.overflows();
    }

    /**
     * A scaler's saved state.
     *
     * @param scale the current loss scale
     * @param goodSteps consecutive good steps since the scale last changed
     * @param overflows optimiser steps skipped for overflow so far
     */
    public record State(double scale, int goodSteps, int overflows) {}
}
