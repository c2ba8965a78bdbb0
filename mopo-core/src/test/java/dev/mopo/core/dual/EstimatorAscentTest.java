package dev.mopo.core.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.mopo.core.Pairs;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The estimator-driven ascent as a multiplier step does exactly what the ascent did on its estimates. */
class EstimatorAscentTest {

    private static final ObjectiveSet TWO = ObjectiveSet.of("helpful", "harmless");
    private static final double[] B = {0.55};

    @Test
    void oneBatchPerUpdateIsTheAscentOnThatBatchsEstimate() {
        try (NDManager manager = NDManager.newBaseManager()) {
            DualAscent direct = new DualAscent(TWO, B, DualConfig.DEFAULT, null);
            EstimatorAscent step = new EstimatorAscent(new DualAscent(TWO, B, DualConfig.DEFAULT, null),
                    new SnisEstimator(), 0);
            for (int t = 1; t <= 5; t++) {
                PreferenceBatch batch = Pairs.random(16, 2, 40 + t).batch(manager);
                WinRateEstimate estimate = new SnisEstimator().estimate(batch);
                DualUpdate expected = direct.update(t, estimate.winRatesPerRun()[0],
                        estimate.effectiveSampleSizePerRun()[0], estimate.samples());
                step.observe(batch);
                DualUpdate actual = step.update(t);
                assertArrayEquals(expected.lambda(), actual.lambda(), 0);
                assertEquals(expected.metrics(), actual.metrics());
            }
        }
    }

    @Test
    void microBatchesAreAveragedAndTheirSampleSizesAdded() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EstimatorAscent step = new EstimatorAscent(new DualAscent(TWO, B, DualConfig.DEFAULT.withEstimateEma(0), null),
                    new PairwiseEstimator(), 0);
            PreferenceBatch first = Pairs.random(8, 2, 1).batch(manager);
            PreferenceBatch second = Pairs.random(8, 2, 2).batch(manager);
            double[] p1 = new PairwiseEstimator().estimate(first).winRatesPerRun()[0];
            double[] p2 = new PairwiseEstimator().estimate(second).winRatesPerRun()[0];
            step.observe(first);
            step.observe(second);
            Map<String, Double> metrics = step.update(1).metrics();
            assertEquals((p1[1] + p2[1]) / 2, metrics.get("win_rate/harmless"), 1e-15);
            assertEquals(16, metrics.get("ess"), 0);
            assertEquals(16, metrics.get("samples"), 0);
        }
    }

    @Test
    void pendingEvidenceSurvivesACheckpoint() {
        try (NDManager manager = NDManager.newBaseManager()) {
            EstimatorAscent original = new EstimatorAscent(new DualAscent(TWO, B, DualConfig.DEFAULT, null),
                    new SnisEstimator(), 0);
            original.observe(Pairs.random(8, 2, 3).batch(manager));
            original.update(1);
            original.observe(Pairs.random(8, 2, 4).batch(manager));
            EstimatorAscent restored = new EstimatorAscent(new DualAscent(TWO, B, DualConfig.DEFAULT, null),
                    new SnisEstimator(), 0);
            restored.restore(JsonRoundTrip.of(original.state()));
            PreferenceBatch next = Pairs.random(8, 2, 5).batch(manager);
            original.observe(next);
            restored.observe(next);
            assertEquals(original.update(2).metrics(), restored.update(2).metrics());
        }
    }

    @Test
    void updatingWithoutEvidenceIsAnError() {
        EstimatorAscent step = new EstimatorAscent(new DualAscent(TWO, B, DualConfig.DEFAULT, null),
                new SnisEstimator(), 0);
        assertThrows(IllegalStateException.class, () -> step.update(1));
    }
}
