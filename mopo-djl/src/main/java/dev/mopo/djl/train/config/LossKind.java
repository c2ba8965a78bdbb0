package dev.mopo.djl.train.config;

import dev.mopo.core.Choice;

/** The setting {@code loss}: which preference loss a run trains with (README, "The losses"). */
public enum LossKind implements Choice {
    /** MOPO: the regression policy step with the dual step on its multipliers (spec §4–5). */
    MOPO("mopo"),
    /** MOPO's regression with frozen multipliers {@code lambdas} (the ablation). */
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

    /** Whether the loss moves its multipliers with a dual step (MOPO proper). */
    public boolean hasDual() {
        return this == MOPO;
    }

    /** Whether the loss needs point-wise reward margins in the batch. */
    public boolean needsRewards() {
        return this == MODPO;
    }
}
