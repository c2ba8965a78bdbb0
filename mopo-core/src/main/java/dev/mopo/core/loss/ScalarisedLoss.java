package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Linear scalarisation (spec §6): {@code Σ_k w_k · loss_k}, each term the DPO or IPO loss on the
 * pairs ordered by objective k (ties contribute nothing). DPO-LS and IPO-LS.
 */
public final class ScalarisedLoss implements PreferenceLoss {

    /** Which single-objective loss each term is. */
    public enum Family {
        DPO,
        IPO
    }

    private final ObjectiveSet objectives;
    private final LogProbReduction reduction;
    private final List<PairwiseTerm> terms = new ArrayList<>();
    private final double[][] weights;

    /**
     * A scalarised loss. {@code weights} holds one row of K non-negative weights, or one row per
     * run when the batch carries R runs (a weight sweep as one tensor program).
     */
    public ScalarisedLoss(ObjectiveSet objectives, Family family, double tau, LogProbReduction reduction,
            double[][] weights) {
        this.objectives = objectives;
        this.reduction = reduction;
        this.weights = Weights.check("weights", weights, objectives.size());
        for (int k = 0; k < objectives.size(); k++) {
            terms.add(family == Family.DPO
                    ? new DpoLoss(objectives, k, tau, reduction)
                    : new IpoLoss(objectives, k, tau, reduction));
        }
    }

    @Override
    public LossOutput compute(PreferenceBatch batch) {
        batch.requireObjectives(objectives);
        NDArray margin = batch.margin(reduction);
        NDList perObjective = new NDList();
        for (PairwiseTerm term : terms) {
            perObjective.add(PairTerms.maskedMeanPerRun(term.perPair(batch, margin), term.labelled(batch)));
        }
        NDArray stacked = NDArrays.stack(perObjective, -1);
        NDArray w = stacked.getManager().create(weights).toType(stacked.getDataType(), false);
        return new LossOutput(stacked.mul(w).sum(), () -> PairTerms.standardMetrics(margin, batch, objectives));
    }
}
