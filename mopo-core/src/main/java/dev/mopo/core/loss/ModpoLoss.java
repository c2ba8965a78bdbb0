package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.mopo.core.Checks;
import dev.mopo.core.Scalars;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;

/**
 * MODPO (Zhou et al. 2023), spec §6: on pairs ordered by the primary objective,
 *
 * <pre>−log σ( (τ·h − Σ_{k≥2} w_k (r_k(y_a) − r_k(y_b))) / w_1 )</pre>
 *
 * with point-wise rewards {@code r_k} for the non-primary objectives taken from the batch's
 * {@link PreferenceBatch#rewardMargins() reward margins} (a reward model, or a Bradley–Terry fit).
 * As in the paper the log-ratio is scaled by the KL strength {@code τ} (TRL's {@code beta}).
 */
public final class ModpoLoss implements PreferenceLoss {

    private final ObjectiveSet objectives;
    private final OrderedObjective ordering;
    private final double tau;
    private final LogProbReduction reduction;
    private final double[][] weights;

    /**
     * MODPO with one row of K weights ({@code w_1 > 0}), or one row per run for a weight sweep.
     */
    public ModpoLoss(ObjectiveSet objectives, double tau, LogProbReduction reduction, double[][] weights) {
        this.objectives = objectives;
        this.ordering = OrderedObjective.of(objectives, 0);
        this.tau = Checks.positive("tau", tau);
        this.reduction = reduction;
        this.weights = Weights.check("weights", weights, objectives.size());
        for (int r = 0; r < weights.length; r++) {
            Checks.positive("weights[" + r + "][0] (the primary objective's MODPO weight)", weights[r][0]);
        }
    }

    @Override
    public LossOutput compute(PreferenceBatch batch) {
        batch.requireObjectives(objectives);
        NDArray rewardMargins = batch.rewardMargins().orElseThrow(() -> new IllegalArgumentException(
                "MODPO needs batch.rewardMargins (point-wise rewards of the non-primary objectives)"));
        NDArray margin = batch.margin(reduction);
        NDArray w = margin.getManager().create(weights).toType(margin.getDataType(), false);
        NDArray logits = Scalars.mul(ordering.orderedMargin(batch, margin), tau);
        if (objectives.size() > 1) {
            NDArray otherRewards = w.get(new NDIndex(":, 1:")).matMul(rewardMargins.get(new NDIndex(":, 1:")).transpose());
            logits = logits.sub(otherRewards.mul(batch.outcome(0)));
        }
        logits = logits.div(w.get(new NDIndex(":, 0:1")));
        NDArray perPair = PairTerms.logSigmoid(logits).neg();
        NDArray loss = PairTerms.maskedMeanOverPairs(perPair, ordering.labelled(batch));
        return new LossOutput(loss, () -> PairTerms.standardMetrics(margin, batch, objectives));
    }
}
