package dev.mopo.bench.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MOPO trained from sampled pairs lands within 0.02 of the exact constrained optimum on a small
 * structure (fixed seed), as published (behaviour cloning with the data dual, spec §10) and as the
 * regression with SNIS estimates (spec §4–5): the whole pipeline — loss, multiplier step,
 * preference values — against mathematics rather than against itself.
 */
class MopoConvergenceTest {

    private static final SyntheticConfig SMALL = SyntheticConfig.DEFAULT.withResponses(10).withSeed(7);

    @Test
    void publishedMopoMatchesTheExactOptimumAtEveryThreshold() {
        StructureResult result = new SyntheticSuite(SMALL.withSteps(500), List.of(), List.of(Variant.MOPO), false)
                .run(Structure.BT_CONFLICTING, step -> { });
        check(result, Variant.MOPO.method());
    }

    @Test
    void snisRegressionMatchesTheExactOptimumAtEveryThreshold() {
        StructureResult result = new SyntheticSuite(SMALL.withSteps(2000), List.of(Estimators.SNIS), List.of(), false)
                .run(Structure.BT_CONFLICTING, step -> { });
        check(result, Estimators.SNIS.method());
    }

    private static void check(StructureResult result, String method) {
        int checked = 0;
        for (ThresholdOutcome outcome : result.thresholdOutcomes().get(method)) {
            if (!outcome.feasible()) {
                continue;
            }
            double[] exact = outcome.exact().winRates();
            double[] learned = outcome.learned().winRates();
            for (int k = 0; k < exact.length; k++) {
                assertEquals(exact[k], learned[k], 0.02, method + ": P" + (k + 1) + " at thresholds "
                        + java.util.Arrays.toString(outcome.exact().thresholds()));
            }
            checked++;
        }
        assertTrue(checked >= 5, method + ": feasible thresholds checked: " + checked);
    }
}
