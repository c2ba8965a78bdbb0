package dev.mopo.djl.train;

import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.dual.DualAscent;
import dev.mopo.core.dual.DualConfig;
import dev.mopo.core.loss.DpoLoss;
import dev.mopo.core.loss.IpoLoss;
import dev.mopo.core.loss.ModpoLoss;
import dev.mopo.core.loss.MopoLoss;
import dev.mopo.core.loss.MultiplierSource;
import dev.mopo.core.loss.PreferenceLoss;
import dev.mopo.core.loss.ScalarisedLoss;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.Arrays;
import java.util.Map;

/**
 * The losses a run can train with, built from a {@link TrainConfig}: the policy loss and, for
 * MOPO, the dual step that moves its multipliers.
 */
enum LossChoice {
    MOPO("mopo"),
    MOPO_FIXED("mopo-fixed"),
    IPO("ipo"),
    DPO("dpo"),
    CDPO("cdpo"),
    DPO_LS("dpo-ls"),
    IPO_LS("ipo-ls"),
    MODPO("modpo");

    private final String id;

    LossChoice(String id) {
        this.id = id;
    }

    /**
     * A run's loss as built from its config: which loss, its dual step (null without one) and the
     * policy loss reading that step's multipliers.
     */
    record Setup(LossChoice choice, DualAscent dual, PreferenceLoss loss) {}

    /** Builds the loss of {@code config} for {@code objectives}; bad settings fail here, before any model loads. */
    static Setup setUp(TrainConfig config, ObjectiveSet objectives) {
        LossChoice choice = of(config.loss);
        DualAscent dual = choice.dual(config, objectives);
        return new Setup(choice, dual, choice.create(config, objectives, dual));
    }

    static String[] names() {
        return Arrays.stream(values()).map(c -> c.id).toArray(String[]::new);
    }

    static LossChoice of(String id) {
        for (LossChoice choice : values()) {
            if (choice.id.equals(id)) {
                return choice;
            }
        }
        throw new IllegalArgumentException("loss must be one of " + String.join(", ", names()) + ", got '" + id + "'");
    }

    /** Whether the loss has a dual step (MOPO proper). */
    boolean hasDual() {
        return this == MOPO;
    }

    /** Whether the loss needs point-wise reward margins in the batch. */
    boolean needsRewards() {
        return this == MODPO;
    }

    /**
     * The dual step for MOPO (thresholds for every constrained objective are required), or null
     * for the other losses.
     */
    DualAscent dual(TrainConfig config, ObjectiveSet objectives) {
        if (!hasDual()) {
            return null;
        }
        double[] thresholds = perConstrained(config.thresholds, objectives, "thresholds", true);
        double[] initial = perConstrained(config.lambdas, objectives, "lambdas", false);
        DualConfig dual = new DualConfig(config.dualStepSize, config.dualInterval, config.maxLambda,
                config.estimateEma, DualConfig.DEFAULT.minEssFraction());
        return new DualAscent(objectives, thresholds, dual, initial);
    }

    /** The policy loss; MOPO reads its multipliers from {@code dual}. */
    PreferenceLoss create(TrainConfig config, ObjectiveSet objectives, DualAscent dual) {
        LogProbReduction reduction = LogProbReduction.valueOf(config.logpReduction.toUpperCase(java.util.Locale.ROOT));
        int ordered = config.lossObjective == null ? 0 : objectives.indexOf(config.lossObjective);
        switch (this) {
            case MOPO:
                return new MopoLoss(objectives, config.tau, reduction, manager -> manager.create(dual.lambda()));
            case MOPO_FIXED:
                return new MopoLoss(objectives, config.tau, reduction,
                        MultiplierSource.fixed(perConstrained(config.lambdas, objectives, "lambdas", true)));
            case IPO:
                return new IpoLoss(objectives, ordered, config.tau, reduction);
            case DPO:
                return new DpoLoss(objectives, ordered, config.tau, reduction);
            case CDPO:
                return new DpoLoss(objectives, ordered, config.tau, reduction, config.labelSmoothing);
            case DPO_LS:
            case IPO_LS:
                return new ScalarisedLoss(objectives, this == DPO_LS ? ScalarisedLoss.Family.DPO : ScalarisedLoss.Family.IPO,
                        config.tau, reduction, new double[][] {weights(config, objectives)});
            case MODPO:
                return new ModpoLoss(objectives, config.tau, reduction, new double[][] {weights(config, objectives)});
            default:
                throw new AssertionError(this);
        }
    }

    private static double[] weights(TrainConfig config, ObjectiveSet objectives) {
        checkNames(config.lossWeights, objectives, "loss_weights");
        double[] weights = new double[objectives.size()];
        for (int k = 0; k < weights.length; k++) {
            Double w = config.lossWeights.get(objectives.name(k));
            if (w == null) {
                throw new IllegalArgumentException("loss_weights must give a weight for every objective "
                        + objectives + "; missing '" + objectives.name(k) + "'");
            }
            weights[k] = w;
        }
        return weights;
    }

    /** Values for the constrained objectives, in order (0 where optional and absent); other names are errors. */
    static double[] perConstrained(Map<String, Double> values, ObjectiveSet objectives, String key, boolean required) {
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
