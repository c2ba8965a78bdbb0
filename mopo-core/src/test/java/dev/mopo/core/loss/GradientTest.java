package dev.mopo.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.mopo.core.Pairs;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Autograd gradients of every loss against central finite differences (float64). */
class GradientTest {

    private static final ObjectiveSet TWO = ObjectiveSet.of("helpful", "harmless");
    private static final double TAU = 0.4;

    private final Pairs pairs = withRewards(Pairs.random(10, 2, 11));
    private double[][] rewardMargins;

    private Pairs withRewards(Pairs p) {
        Random random = new Random(5);
        rewardMargins = new double[p.size()][2];
        for (double[] row : rewardMargins) {
            row[0] = random.nextGaussian();
            row[1] = random.nextGaussian();
        }
        return p;
    }

    @Test
    void everyLossHasTheGradientOfItsValue() {
        List<Function<Boolean, PreferenceLoss>> losses = List.of(
                mean -> new MopoLoss(TWO, TAU, reduction(mean), MultiplierSource.fixed(1.7)),
                mean -> new BehaviourCloningLoss(TWO, TAU, reduction(mean), MultiplierSource.fixed(1.7)),
                mean -> new IpoLoss(TWO, 1, TAU, reduction(mean)),
                mean -> new DpoLoss(TWO, 0, TAU, reduction(mean), 0.1),
                mean -> new ScalarisedLoss(TWO, ScalarisedLoss.Family.DPO, TAU, reduction(mean),
                        new double[][] {{0.4, 0.6}}),
                mean -> new ModpoLoss(TWO, TAU, reduction(mean), new double[][] {{0.7, 0.3}}));
        for (Function<Boolean, PreferenceLoss> make : losses) {
            for (boolean mean : new boolean[] {false, true}) {
                check(make.apply(mean));
            }
        }
    }

    private static LogProbReduction reduction(boolean mean) {
        return mean ? LogProbReduction.MEAN : LogProbReduction.SUM;
    }

    private void check(PreferenceLoss loss) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.create(pairs.policyA);
            NDArray b = manager.create(pairs.policyB);
            a.setRequiresGradient(true);
            b.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(evaluate(manager, loss, a, b));
            }
            double[] gradA = a.getGradient().toDoubleArray();
            double[] gradB = b.getGradient().toDoubleArray();
            double h = 1e-6;
            for (int i = 0; i < pairs.size(); i++) {
                double[] plus = pairs.policyA.clone();
                double[] minus = pairs.policyA.clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric = (value(manager, loss, plus, pairs.policyB) - value(manager, loss, minus, pairs.policyB))
                        / (2 * h);
                assertEquals(numeric, gradA[i], 1e-6, loss.getClass().getSimpleName() + " d/dpolicyA[" + i + "]");
                plus = pairs.policyB.clone();
                minus = pairs.policyB.clone();
                plus[i] += h;
                minus[i] -= h;
                numeric = (value(manager, loss, pairs.policyA, plus) - value(manager, loss, pairs.policyA, minus)) / (2 * h);
                assertEquals(numeric, gradB[i], 1e-6, loss.getClass().getSimpleName() + " d/dpolicyB[" + i + "]");
            }
        }
    }

    private double value(NDManager manager, PreferenceLoss loss, double[] a, double[] b) {
        return evaluate(manager, loss, manager.create(a), manager.create(b)).getDouble();
    }

    private NDArray evaluate(NDManager manager, PreferenceLoss loss, NDArray a, NDArray b) {
        var batch = dev.mopo.core.batch.PreferenceBatch.builder()
                .policy(a, b)
                .reference(manager.create(pairs.referenceA), manager.create(pairs.referenceB))
                .tokens(manager.create(pairs.tokensA), manager.create(pairs.tokensB))
                .outcomes(manager.create(pairs.outcomes))
                .rewardMargins(manager.create(rewardMargins))
                .build();
        return loss.compute(batch).loss();
    }
}
