package dev.mopo.bench.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MOPO trained from sampled pairs lands within 0.02 of the exact constrained optimum on a small
 * structure (fixed seed), both as published (behaviour cloning with the data dual, spec §10) and
 * as the regression with SNIS estimates (spec §4–5): the whole pipeline — loss, multiplier step,
 * preference values — against mathematics rather than against itself.
 */
class MopoConvergenceTest {

    @Test
    void everyVariantMatchesTheExactOptimumAtEveryThreshold() {
        SyntheticConfig config = SyntheticConfig.DEFAULT.withResponses(10).withSteps(2000).withSeed(7);
        StructureResult result = new SyntheticSuite(config, List.of(Estimators.SNIS), List.of(Variant.MOPO), false)
                .run(Structure.BT_CONFLICTING, step -> { });
        for (String method : List.of(Variant.MOPO.method(), Estimators.SNIS.method())) {
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
}
