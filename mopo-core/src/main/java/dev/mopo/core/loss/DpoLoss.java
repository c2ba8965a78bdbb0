package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.Checks;
import dev.mopo.core.Scalars;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;

/**
 * DPO (Rafailov et al. 2023) on pairs ordered by one objective, {@code −log σ(τ·h)}; with label
 * smoothing ε it is cDPO, {@code −(1−ε) log σ(τ·h) − ε log σ(−τ·h)} (spec §6). These are TRL's
 * {@code sigmoid} loss with {@code beta = τ}.
 */
public final class DpoLoss implements PreferenceLoss, PairwiseTerm {

    private final ObjectiveSet objectives;
    private final OrderedObjective ordering;
    private final double tau;
    private final double labelSmoothing;
    private final LogProbReduction reduction;

    /** DPO on objective {@code objectiveIndex} (0 = primary). */
    public DpoLoss(ObjectiveSet objectives, int objectiveIndex, double tau, LogProbReduction reduction) {
        this(objectives, objectiveIndex, tau, reduction, 0);
    }

    /** cDPO on objective {@code objectiveIndex} with label smoothing {@code labelSmoothing ∈ [0, ½)}. */
    public DpoLoss(ObjectiveSet objectives, int objectiveIndex, double tau, LogProbReduction reduction,
            double labelSmoothing) {
        this.objectives = objectives;
        this.ordering = OrderedObjective.of(objectives, objectiveIndex);
        this.tau = Checks.positive("tau", tau);
        this.reduction = reduction;
        if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
            throw new IllegalArgumentException("label_smoothing must be in [0, 0.5), got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    @Override
    public LossOutput compute(PreferenceBatch batch) {
        batch.requireObjectives(objectives);
        NDArray margin = batch.margin(reduction);
        NDArray loss = PairTerms.maskedMeanOverPairs(perPair(batch, margin), ordering.labelled(batch));
        return new LossOutput(loss, () -> PairTerms.standardMetrics(margin, batch, objectives));
    }

    @Override
    public NDArray perPair(PreferenceBatch batch, NDArray margin) {
        NDArray logits = Scalars.mul(ordering.orderedMargin(batch, margin), tau);
        NDArray loss = PairTerms.logSigmoid(logits).neg();
        if (labelSmoothing > 0) {
            loss = Scalars.mul(loss, 1 - labelSmoothing)
                    .sub(Scalars.mul(PairTerms.logSigmoid(logits.neg()), labelSmoothing));
        }
        return loss;
    }

    @Override
    public NDArray labelled(PreferenceBatch batch) {
        return ordering.labelled(batch);
    }
}
