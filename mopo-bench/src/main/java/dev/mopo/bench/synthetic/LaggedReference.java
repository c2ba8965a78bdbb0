package dev.mopo.bench.synthetic;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * The lagged reference of spec §10 for R tabular runs: each run's reference starts at
 * {@code π_ref} and, whenever its dual says the reference moves, becomes the policy it had at the
 * previous move ({@code t0} steps earlier), while the current policy is kept for the next.
 */
final class LaggedReference {

    private final NDArray reference;
    private final NDArray snapshot;

    /** References for the runs of {@code theta} ({@code [R, N]}), all starting at {@code theta}'s start. */
    LaggedReference(NDArray theta) {
        this.reference = theta.stopGradient().duplicate();
        this.snapshot = theta.stopGradient().duplicate();
    }

    /** {@code log π_ref} of every run, shape {@code [R, N]}. */
    NDArray logProbs() {
        return reference.logSoftmax(1);
    }

    /** Moves run {@code r}'s reference to its snapshot and snapshots {@code theta}'s row {@code r}. */
    void move(int r, NDArray theta) {
        reference.set(new NDIndex(r), snapshot.get(r));
        snapshot.set(new NDIndex(r), theta.get(r).stopGradient());
    }
}
