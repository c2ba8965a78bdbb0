package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.Checks;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.Map;

/**
 * IPO (Azar et al. 2023) on pairs ordered by one objective: {@code (h − 1/(2τ))²}, averaged over
 * the pairs that objective labels (spec §6). TRL averages log-probs over tokens for IPO; use
 * {@link LogProbReduction#MEAN} to match it.
 */
public final class IpoLoss implements PreferenceLoss, PairwiseTerm {

    private final ObjectiveSet objectives;
    private final OrderedObjective ordering;
    private final double tau;
    private final LogProbReduction reduction;

    /** IPO on objective {@code objectiveIndex} (0 = primary) with KL strength {@code tau}. */
    public IpoLoss(ObjectiveSet objectives, int objectiveIndex, double tau, LogProbReduction reduction) {
        this.objectives = objectives;
        this.ordering = OrderedObjective.of(objectives, objectiveIndex);
        this.tau = Checks.positive("tau", tau);
        this.reduction = reduction;
    }

    @Override
    public LossOutput compute(PreferenceBatch batch) {
        batch.requireObjectives(objectives);
        NDArray margin = batch.margin(reduction);
        NDArray loss = PairTerms.maskedMeanOverPairs(perPair(batch, margin), ordering.labelled(batch));
        return new LossOutput(loss, () -> {
            Map<String, NDArray> metrics = PairTerms.standardMetrics(margin, batch, objectives);
            metrics.put("target", margin.getManager().create(1 / (2 * tau)));
            return metrics;
        });
    }

    @Override
    public NDArray perPair(PreferenceBatch batch, NDArray margin) {
        return ordering.orderedMargin(batch, margin).sub(1 / (2 * tau)).square();
    }

    @Override
    public NDArray labelled(PreferenceBatch batch) {
        return ordering.labelled(batch);
    }
}
