package dev.mopo.core.loss;

import dev.mopo.core.batch.PreferenceBatch;

/**
 * A loss on a batch of preference pairs. Implement it to bring your own loss; the trainer and the
 * benchmarks take any implementation.
 *
 * <p>The loss is the mean over the batch's pairs; when the batch's log-probs carry leading run
 * dimensions (independent policies on the same pairs) the per-run means are summed, so that each
 * run receives the gradient of its own loss.
 */
@FunctionalInterface
public interface PreferenceLoss {

    /** The loss of {@code batch} and the metrics that describe it. */
    LossOutput compute(PreferenceBatch batch);
}
