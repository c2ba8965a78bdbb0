package dev.mopo.djl.train.step;

import dev.mopo.core.dual.DataDual;
import dev.mopo.core.dual.DualAscent;
import dev.mopo.core.dual.EstimatorAscent;
import dev.mopo.core.dual.MultiplierStep;
import dev.mopo.core.dual.PairwiseEstimator;
import dev.mopo.core.dual.SnisEstimator;
import dev.mopo.core.loss.BehaviourCloningLoss;
import dev.mopo.core.loss.DpoLoss;
import dev.mopo.core.loss.IpoLoss;
import dev.mopo.core.loss.ModpoLoss;
import dev.mopo.core.loss.MopoLoss;
import dev.mopo.core.loss.MultiplierSource;
import dev.mopo.core.loss.PreferenceLoss;
import dev.mopo.core.loss.ScalarisedLoss;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.djl.train.config.DualSettings;
import dev.mopo.djl.train.config.EstimatorKind;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.LossSettings;
import java.util.Map;

/**
 * A run's loss as its settings build it for the dataset's objectives: the policy loss and, for the
 * MOPO variants, the multiplier step whose multipliers it reads — {@code mopo}: behaviour cloning
 * (spec §10, Eq. 7) with the data's Lagrangian dual (Eq. 9); {@code mopo-lb}: the same with the log
 * barrier; {@code mopo-regression}: the regression of §4 with the multiplier step
 * {@code dual_estimator} names. Objective names in the settings are checked here, before any model
 * loads.
 *
 * @param kind which loss
 * @param loss the policy loss
 * @param dual the multiplier step, or null for losses without one
 */
public record LossSetup(LossKind kind, PreferenceLoss loss, MultiplierStep dual) {

    /** Builds the loss of {@code settings} for {@code objectives}. */
    public static LossSetup of(LossSettings settings, DualSettings dualSettings, ObjectiveSet objectives) {
        MultiplierStep dual = settings.loss().hasDual() ? dual(settings, dualSettings, objectives) : null;
        return new LossSetup(settings.loss(), loss(settings, objectives, dual), dual);
    }

    private static MultiplierStep dual(LossSettings settings, DualSettings dualSettings, ObjectiveSet objectives) {
        double[] thresholds = perConstrained(settings.thresholds(), objectives, "thresholds", true);
        double[] initial = perConstrained(settings.lambdas(), objectives, "lambdas", false);
        boolean estimated = settings.loss() == LossKind.MOPO_REGRESSION && dualSettings.dualEstimator() != EstimatorKind.DATA;
        if (estimated) {
            DualAscent ascent = new DualAscent(objectives, thresholds, dualSettings.estimatorConfig(), initial);
            return new EstimatorAscent(ascent, dualSettings.dualEstimator() == EstimatorKind.PAIRWISE
                    ? new PairwiseEstimator() : new SnisEstimator(), 0);
        }
        return new DataDual(objectives, thresholds, settings.tau(), dualSettings.rule(settings.loss()),
                dualSettings.dataDualConfig(), initial);
    }

    private static PreferenceLoss loss(LossSettings settings, ObjectiveSet objectives, MultiplierStep dual) {
        double tau = settings.tau();
        int ordered = settings.lossObjective() == null ? 0 : objective(settings.lossObjective(), objectives);
        switch (settings.loss()) {
            case MOPO:
            case MOPO_LB:
                return new BehaviourCloningLoss(objectives, tau, settings.logpReduction(), dual.source());
            case MOPO_REGRESSION:
                return new MopoLoss(objectives, tau, settings.logpReduction(), dual.source());
            case MOPO_FIXED:
                return new MopoLoss(objectives, tau, settings.logpReduction(),
                        MultiplierSource.fixed(perConstrained(settings.lambdas(), objectives, "lambdas", true)));
            case IPO:
                return new IpoLoss(objectives, ordered, tau, settings.logpReduction());
            case DPO:
                return new DpoLoss(objectives, ordered, tau, settings.logpReduction());
            case CDPO:
                return new DpoLoss(objectives, ordered, tau, settings.logpReduction(), settings.labelSmoothing());
            case DPO_LS:
                return new ScalarisedLoss(objectives, ScalarisedLoss.Family.DPO, tau, settings.logpReduction(),
                        new double[][] {weights(settings, objectives)});
            case IPO_LS:
                return new ScalarisedLoss(objectives, ScalarisedLoss.Family.IPO, tau, settings.logpReduction(),
                        new double[][] {weights(settings, objectives)});
            case MODPO:
                return new ModpoLoss(objectives, tau, settings.logpReduction(),
                        new double[][] {weights(settings, objectives)});
            default:
                throw new AssertionError(settings.loss());
        }
    }

    /**
     * Fails when an objective the loss learns from labels none of the training pairs (every pair
     * ties on it), which would train on a zero loss and gradient: the loss's ordering objective for
     * dpo, cdpo and ipo, the primary (and each thresholded objective) for MOPO, every weighted
     * objective for the scalarised losses and the primary for MODPO.
     *
     * @param labelled per objective, the training pairs it labels
     * @param dataset the corpus, for the message
     */
    public static void requireLabels(LossSettings settings, ObjectiveSet objectives, long[] labelled, String dataset) {
        for (int k = 0; k < objectives.size(); k++) {
            if (labelled[k] == 0 && learnsFrom(settings, objectives, k)) {
                throw new IllegalArgumentException("objective '" + objectives.name(k) + "' labels none of the training"
                        + " pairs of " + dataset + " (every pair ties on it), so loss " + settings.loss() + " has nothing"
                        + " to learn from it; " + fix(settings, objectives, labelled));
            }
        }
    }

    private static boolean learnsFrom(LossSettings settings, ObjectiveSet objectives, int k) {
        String name = objectives.name(k);
        switch (settings.loss()) {
            case IPO:
            case DPO:
            case CDPO:
                return k == (settings.lossObjective() == null ? 0 : objectives.indexOf(settings.lossObjective()));
            case DPO_LS:
            case IPO_LS:
                return settings.lossWeights().getOrDefault(name, 0.0) > 0;
            case MOPO:
            case MOPO_LB:
            case MOPO_REGRESSION:
                return k == 0 || settings.thresholds().containsKey(name);
            default:
                return k == 0;
        }
    }

    private static String fix(LossSettings settings, ObjectiveSet objectives, long[] labelled) {
        StringBuilder labelling = new StringBuilder();
        for (int k = 0; k < objectives.size(); k++) {
            if (labelled[k] > 0) {
                labelling.append(labelling.length() == 0 ? "" : ", ").append(objectives.name(k));
            }
        }
        if (labelling.length() == 0) {
            return "no objective labels any pair: check the preset and its options (dataset_options)";
        }
        return "objectives that label pairs here: " + labelling + " (choose with loss_objective or objectives, or use"
                + " data that labels this one)";
    }

    private static int objective(String name, ObjectiveSet objectives) {
        if (!objectives.names().contains(name)) {
            throw new IllegalArgumentException("loss_objective names '" + name
                    + "', which the dataset does not have; its objectives are " + objectives);
        }
        return objectives.indexOf(name);
    }

    private static double[] weights(LossSettings settings, ObjectiveSet objectives) {
        checkNames(settings.lossWeights(), objectives, "loss_weights");
        double[] weights = new double[objectives.size()];
        for (int k = 0; k < weights.length; k++) {
            Double w = settings.lossWeights().get(objectives.name(k));
            if (w == null) {
                throw new IllegalArgumentException("loss_weights must give a weight for every objective "
                        + objectives + "; missing '" + objectives.name(k) + "'");
            }
            weights[k] = w;
        }
        return weights;
    }

    /** Values for the constrained objectives, in order (0 where optional and absent); other names are errors. */
    private static double[] perConstrained(Map<String, Double> values, ObjectiveSet objectives, String key,
            boolean required) {
        checkNames(values, objectives, key);
        if (values.containsKey(objectives.primary())) {
            throw new IllegalArgumentException(key + ": '" + objectives.primary()
                    + "' is the primary objective; " + key + " apply to the constrained ones " + objectives.constrained());
        }
        double[] result = new double[objectives.constrainedCount()];
        for (int k = 0; k < result.length; k++) {
            String name = objectives.name(k + 1);
            Double value = values.get(name);
            if (value == null && required) {
                throw new IllegalArgumentException(key + " must give a value for every constrained objective "
                        + objectives.constrained() + "; missing '" + name + "'");
            }
            result[k] = value == null ? 0 : value;
        }
        return result;
    }

    private static void checkNames(Map<String, Double> values, ObjectiveSet objectives, String key) {
        for (String name : values.keySet()) {
            if (!objectives.names().contains(name)) {
                throw new IllegalArgumentException(key + " names objective '" + name
                        + "', which the dataset does not have; its objectives are " + objectives);
            }
        }
    }
}
