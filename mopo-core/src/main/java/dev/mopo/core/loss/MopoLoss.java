package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import dev.mopo.core.Checks;
import dev.mopo.core.Scalars;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.Map;

/**
 * MOPO's policy step (spec §4): the regression {@code mean (h − t)²} with target
 *
 * <pre>t = ( (I_1 − ½) + Σ_{k≥2} λ_k (I_k − ½) ) / τ</pre>
 *
 * where {@code I_k = (1 + o_k)/2}. With {@code λ = 0} and chosen-first pairs it is IPO. Every pair
 * counts, ties included (a tie contributes nothing to the target). With multipliers from a
 * {@link MultiplierSource#fixed fixed} source this is MOPO-fixed.
 */
public final class MopoLoss implements PreferenceLoss {

    private final ObjectiveSet objectives;
    private final double tau;
    private final LogProbReduction reduction;
    private final MultiplierSource multipliers;

    /** MOPO with KL strength {@code tau}, reading {@code λ} from {@code multipliers} at each step. */
    public MopoLoss(ObjectiveSet objectives, double tau, LogProbReduction reduction, MultiplierSource multipliers) {
        this.objectives = objectives;
        this.tau = Checks.positive("tau", tau);
        this.reduction = reduction;
        this.multipliers = multipliers;
    }

    @Override
    public LossOutput compute(PreferenceBatch batch) {
        batch.requireObjectives(objectives);
        NDArray margin = batch.margin(reduction);
        NDArray target = target(batch);
        NDArray loss = PairTerms.meanOverPairs(margin.sub(target).square());
        return new LossOutput(loss, () -> {
            Map<String, NDArray> metrics = PairTerms.standardMetrics(margin, batch, objectives);
            metrics.put("target", target.mean());
            return metrics;
        });
    }

    /** The regression target {@code t} per pair, shape {@code [..., B]}. */
    public NDArray target(PreferenceBatch batch) {
        NDArray centred = batch.outcomes().div(2); // I_k − ½ = o_k / 2
        NDArray target = centred.get(new NDIndex(":, 0"));
        if (objectives.size() > 1) {
            NDArray lambda = multipliers.multipliers(centred.getManager()).toType(centred.getDataType(), false);
            long constrained = lambda.getShape().tail();
            if (constrained != objectives.constrainedCount()) {
                throw new IllegalArgumentException("multipliers must have " + objectives.constrainedCount()
                        + " entries (one per constrained objective of " + objectives + "), got " + constrained);
            }
            NDArray secondary = centred.get(new NDIndex(":, 1:")).transpose();
            target = target.add(lambda.matMul(secondary));
        }
        return Scalars.div(target, tau);
    }
}
