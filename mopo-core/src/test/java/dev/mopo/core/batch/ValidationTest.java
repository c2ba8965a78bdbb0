package dev.mopo.core.batch;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mopo.core.Pairs;
import dev.mopo.core.dual.DualAscent;
import dev.mopo.core.dual.DualConfig;
import dev.mopo.core.loss.DpoLoss;
import dev.mopo.core.loss.IpoLoss;
import dev.mopo.core.loss.MopoLoss;
import dev.mopo.core.loss.MultiplierSource;
import dev.mopo.core.objective.ObjectiveSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is refused with a message naming the field and the value. */
class ValidationTest {

    private static final ObjectiveSet TWO = ObjectiveSet.of("helpful", "harmless");

    private static void refused(Executable action, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention '" + fragment + "'");
        }
    }

    @Test
    void tauMustBePositive() {
        refused(() -> new IpoLoss(TWO, 0, 0, LogProbReduction.SUM), "tau", "0.0");
        refused(() -> new DpoLoss(TWO, 0, -1, LogProbReduction.SUM), "tau", "-1.0");
        refused(() -> new MopoLoss(TWO, Double.NaN, LogProbReduction.SUM, MultiplierSource.fixed(0)), "tau", "NaN");
    }

    @Test
    void thresholdsMustLieInsideTheUnitInterval() {
        refused(() -> new DualAscent(TWO, new double[] {1.0}, DualConfig.DEFAULT, null), "thresholds.harmless", "1.0");
        refused(() -> new DualAscent(TWO, new double[] {-0.2}, DualConfig.DEFAULT, null), "thresholds.harmless", "-0.2");
    }

    @Test
    void outcomeCountMustMatchTheObjectives() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PreferenceBatch threeOutcomes = Pairs.random(4, 3, 1).batch(manager);
            refused(() -> new IpoLoss(TWO, 0, 0.1, LogProbReduction.SUM).compute(threeOutcomes), "outcomes", "3", "2");
        }
    }

    @Test
    void nanLogProbsAreRefused() {
        Pairs pairs = Pairs.random(4, 2, 1);
        pairs.policyB[2] = Double.NaN;
        try (NDManager manager = NDManager.newBaseManager()) {
            refused(() -> pairs.batch(manager), "batch.policyB[2]", "NaN");
        }
    }

    @Test
    void outcomesOutsideTheThreeLabelsAreRefused() {
        Pairs pairs = Pairs.random(4, 2, 1);
        pairs.outcomes[1][1] = 0.5;
        try (NDManager manager = NDManager.newBaseManager()) {
            refused(() -> pairs.batch(manager), "batch.outcomes[1, 1]", "0.5");
        }
    }

    @Test
    void multiplierCountMustMatchTheConstrainedObjectives() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PreferenceBatch batch = Pairs.random(4, 2, 1).batch(manager);
            refused(() -> new MopoLoss(TWO, 0.1, LogProbReduction.SUM, MultiplierSource.fixed(1, 2)).compute(batch),
                    "multipliers", "1", "2");
        }
    }
}
