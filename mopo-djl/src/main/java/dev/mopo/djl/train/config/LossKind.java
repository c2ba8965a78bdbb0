package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/** The setting {@code loss}: which preference loss a run trains with (README, "The losses"). */
public enum LossKind implements Choice {
    /**
     * MOPO as the paper publishes it (spec §10, MOPO-Lag): importance-weighted behaviour cloning of the
     * tilted policy (Eq. 7) with the multipliers of the data's closed-form dual (Eq. 9).
     */
    MOPO("mopo"),
    /** The paper's log-barrier variant (spec §10, MOPO-LB): behaviour cloning with the barrier's multipliers. */
    MOPO_LB("mopo-lb"),
    /**
     * mopo's own derivation (spec §4–5): the IPO-style regression on log-ratio margins, its multipliers moved
     * by {@code dual_estimator} (snis, pairwise, or the data's closed form).
     */
    MOPO_REGRESSION("mopo-regression"),
    /** The regression with frozen multipliers {@code lambdas} (the ablation). */
    MOPO_FIXED("mopo-fixed"),
    /** IPO on pairs ordered by {@code loss_objective}. */
    IPO("ipo"),
    /** DPO on pairs ordered by {@code loss_objective}. */
    DPO("dpo"),
    /** Label-smoothed DPO ({@code label_smoothing}). */
    CDPO("cdpo"),
    /** Linear scalarisation of DPO with {@code loss_weights}. */
    DPO_LS("dpo-ls"),
    /** Linear scalarisation of IPO with {@code loss_weights}. */
    IPO_LS("ipo-ls"),
    /** MODPO with the corpus's per-response scores as the non-primary rewards. */
    MODPO("modpo");

    private final String key;

    LossKind(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }

    /** Whether the loss moves its multipliers with a dual step. */
    public boolean hasDual() {
        return this == MOPO || this == MOPO_LB || this == MOPO_REGRESSION;
    }

    /**
     * Whether the loss reads spec §10's per-response preference values: {@code mopo} and {@code mopo-lb}, and
     * {@code mopo-regression} with the data dual ({@code estimator}).
     */
    public boolean usesPreferenceValues(EstimatorKind estimator) {
        return this == MOPO || this == MOPO_LB || (this == MOPO_REGRESSION && estimator == EstimatorKind.DATA);
    }

    /** Whether the loss needs point-wise reward margins in the batch. */
    public boolean needsRewards() {
        return this == MODPO;
    }
}
