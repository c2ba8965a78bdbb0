package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;

/**
 * The pairs of a batch ordered by one objective, as DPO and IPO see them: for a pair labelled
 * {@code o_k = −1} the roles of {@code y_a} and {@code y_b} swap, and ties drop out.
 *
 * @param index the 0-based objective index
 */
record OrderedObjective(int index) {

    static OrderedObjective of(ObjectiveSet objectives, int index) {
        if (index < 0 || index >= objectives.size()) {
            throw new IllegalArgumentException("objective index must be in [0, " + objectives.size()
                    + ") for objectives " + objectives + ", got " + index);
        }
        return new OrderedObjective(index);
    }

    /** {@code o_k · h}: the margin of the preferred response over the other, per pair. */
    NDArray orderedMargin(PreferenceBatch batch, NDArray margin) {
        return margin.mul(batch.outcome(index));
    }

    /** 1 where the objective labels the pair, 0 on ties. */
    NDArray labelled(PreferenceBatch batch) {
        return batch.outcome(index).abs();
    }
}
