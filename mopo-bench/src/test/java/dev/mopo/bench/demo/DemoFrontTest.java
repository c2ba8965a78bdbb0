package dev.mopo.bench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mopo.bench.demo.DemoFront.Point;
import dev.mopo.djl.train.config.LossKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's checks of MOPO against the baselines, on hand-placed points. */
class DemoFrontTest {

    private static final Point REFERENCE = new Point("base", null, Double.NaN, 0.5, 0, 0.5, 0, 1, List.of());

    @Test
    void aMopoPointThatMeetsItsThresholdAndLeadsPassesEveryCheck() {
        Point mopo = new Point("mopo-concise0.6", LossKind.MOPO, 0.6, 0.70, 0.02, 0.58, 0.02, 3,
                List.of(new DualTrace(1.25, 0.1, 0), new DualTrace(1.5, 0.15, 0)));
        Point longWinded = new Point("dpo", LossKind.DPO, Double.NaN, 0.75, 0.02, 0.30, 0.02, 3, List.of());
        Point concise = new Point("dpo-ls", LossKind.DPO_LS, Double.NaN, 0.60, 0.02, 0.62, 0.02, 3, List.of());
        assertEquals(List.of(
                "PASS: mopo-concise0.6 meets b = 0.600 within 0.03 (P(concise) 0.580 ± 0.020, -0.020)",
                "PASS: no baseline dominates mopo-concise0.6 by more than one standard error",
                "PASS: at b = 0.600 mopo-concise0.6's P(correct) 0.700 ± 0.020 against the best baseline meeting it,"
                        + " dpo-ls, 0.600 ± 0.020",
                "PASS: λ of mopo-concise0.6 settled (final [1.250, 1.500], largest swing over the last quarter 15 % of"
                        + " its mean, at most 20 %; 0 steps with a collapsed estimate)"),
                new DemoFront("correct", "concise", List.of(REFERENCE, mopo, longWinded, concise)).checks());
    }

    @Test
    void aMissedThresholdAndADominatingBaselineAreReported() {
        Point mopo = new Point("mopo-concise0.65", LossKind.MOPO, 0.65, 0.55, 0.01, 0.55, 0.01, 3,
                List.of(new DualTrace(3, 0.5, 2)));
        Point better = new Point("dpo-ls", LossKind.DPO_LS, Double.NaN, 0.60, 0.01, 0.64, 0.01, 3, List.of());
        List<String> checks = new DemoFront("correct", "concise", List.of(REFERENCE, mopo, better)).checks();
        assertEquals("MISS: mopo-concise0.65 meets b = 0.650 within 0.03 (P(concise) 0.550 ± 0.010, -0.100)",
                checks.get(0));
        assertEquals("MISS: no baseline dominates mopo-concise0.65 by more than one standard error (dominated by"
                + " dpo-ls)", checks.get(1));
        assertEquals("MISS: at b = 0.650 mopo-concise0.65's P(correct) 0.550 ± 0.010 against the best baseline meeting"
                + " it, dpo-ls, 0.600 ± 0.010", checks.get(2));
        assertEquals("MISS: λ of mopo-concise0.65 settled (final [3.000], largest swing over the last quarter 50 % of"
                + " its mean, at most 20 %; 2 steps with a collapsed estimate)", checks.get(3));
    }

    @Test
    void withinOneStandardErrorIsNotDomination() {
        Point mopo = new Point("mopo", LossKind.MOPO, 0.5, 0.60, 0.03, 0.52, 0.03, 3, List.of());
        Point close = new Point("dpo-ls", LossKind.DPO_LS, Double.NaN, 0.63, 0.03, 0.55, 0.03, 3, List.of());
        assertEquals("PASS: no baseline dominates mopo by more than one standard error",
                new DemoFront("correct", "concise", List.of(REFERENCE, mopo, close)).checks().get(1));
    }
}
