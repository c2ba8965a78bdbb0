package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.Scalars;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reductions and metrics shared by the losses. */
final class PairTerms {

    private PairTerms() {}

    /** Mean over the pair axis (the last), summed over any leading run axes. */
    static NDArray meanOverPairs(NDArray perPair) {
        return perPair.mean(new int[] {-1}).sum();
    }

    /**
     * Mean over the pairs where {@code mask} is 1 (ties excluded), summed over leading run axes;
     * zero when no pair is labelled.
     */
    static NDArray maskedMeanOverPairs(NDArray perPair, NDArray mask) {
        return maskedMeanPerRun(perPair, mask).sum();
    }

    /** Mean over the pairs where {@code mask} is 1, one value per run (shape {@code [...]}). */
    static NDArray maskedMeanPerRun(NDArray perPair, NDArray mask) {
        NDArray count = mask.sum().maximum(1);
        return perPair.mul(mask).sum(new int[] {-1}).div(count);
    }

    /** {@code log σ(x)}, computed without overflow as {@code −softplus(−x)}. */
    static NDArray logSigmoid(NDArray x) {
        NDArray negated = x.neg();
        return Scalars.maximum(negated, 0).add(negated.abs().neg().exp().add(1).log()).neg();
    }

    /**
     * The metrics every loss reports: the mean margin {@code h} and, per objective, the pairwise
     * accuracy — the fraction of labelled pairs on which {@code sign(h)} agrees with the outcome;
     * NaN for an objective that labels no pair of the batch (there is nothing to be accurate on).
     */
    static Map<String, NDArray> standardMetrics(NDArray margin, PreferenceBatch batch, ObjectiveSet objectives) {
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        NDArray detached = margin.stopGradient();
        metrics.put("margin", detached.mean());
        NDArray marginSign = detached.sign();
        for (int k = 0; k < objectives.size(); k++) {
            NDArray outcome = batch.outcome(k);
            NDArray labelled = outcome.abs();
            NDArray agree = marginSign.mul(outcome).gt(0).toType(detached.getDataType(), false);
            NDArray runs = agree.sum().div(agree.size() / outcome.size());
            metrics.put("accuracy/" + objectives.name(k), runs.div(labelled.sum()));
        }
        return metrics;
    }
}
