package dev.mopo.core.dual;

import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.loss.MultiplierSource;

/**
 * A rule that moves the Lagrange multipliers {@code λ_2 … λ_K} of one run between optimiser
 * steps: the one contract a trainer drives, whatever the rule. Every micro-batch is shown to
 * {@link #observe} (detached; the rule copies what it needs, so the batch may be closed right
 * after); after optimiser step {@code t} (1-based), if {@link #isDue isDue(t)}, {@link #update
 * update(t)} consumes the evidence observed since the previous update and returns what to log.
 * {@link #state()} and {@link #restore} carry everything an exact resume needs.
 *
 * <p>Implementations: {@link EstimatorAscent} (spec §5: projected ascent on the policy's
 * estimated win rates — snis, pairwise, oracle) and {@link DataDual} (spec §10: the multipliers
 * of the data's closed-form dual, by Eq. 9's Lagrangian step or the log barrier of MOPO-LB).
 */
public interface MultiplierStep {

    /** The current multipliers {@code λ_2 … λ_K} (a copy): what the loss reads. */
    double[] lambda();

    /** Evidence from one micro-batch; called for every micro-batch of every step. */
    void observe(PreferenceBatch batch);

    /** Whether {@link #update} runs after optimiser step {@code step} (1-based). */
    boolean isDue(long step);

    /**
     * Updates the multipliers from the evidence observed since the previous update and returns
     * what happened; {@link IllegalStateException} when nothing was observed.
     */
    DualUpdate update(long step);

    /** A snapshot of everything the rule remembers. */
    DualState state();

    /** Restores a snapshot taken by {@link #state()} of the same rule, objectives and settings. */
    void restore(DualState state);

    /** The multipliers as a loss reads them, shape {@code [K−1]}, always the current ones. */
    default MultiplierSource source() {
        return manager -> manager.create(lambda());
    }
}
