package dev.mopo.core.tilt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mopo.core.batch.PreferenceBatch;
import org.junit.jupiter.api.Test;

/** p̄ estimates: the pair's own outcome, pooled over a response's pairs, or given. */
class PreferenceValuesTest {

    private static final double[][] OUTCOMES = {{1, -1}, {-1, 0}, {1, 1}};

    private static PreferenceBatch.Builder batch(NDManager manager) {
        return PreferenceBatch.builder()
                .policy(manager.zeros(new ai.djl.ndarray.types.Shape(3)), manager.zeros(new ai.djl.ndarray.types.Shape(3)))
                .reference(manager.zeros(new ai.djl.ndarray.types.Shape(3)), manager.zeros(new ai.djl.ndarray.types.Shape(3)))
                .outcomes(manager.create(OUTCOMES));
    }

    @Test
    void withoutIdsEachResponseHasItsOwnResultAndTiesAreHalf() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][][] values = PreferenceValues.of(batch(manager).build());
            assertArrayEquals(new double[] {1, 0}, values[0][0], 0);
            assertArrayEquals(new double[] {0, 1}, values[1][0], 0);
            assertArrayEquals(new double[] {0, 0.5}, values[0][1], 0);
            assertArrayEquals(new double[] {1, 0.5}, values[1][1], 0);
        }
    }

    @Test
    void aResponseInSeveralPairsGetsTheMeanOfItsResults() {
        // response 10 is y_a of pair 0 (results 1, 0) and y_b of pair 1 (results 1, 0.5) and y_a of pair 2 (1, 1)
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][][] values = PreferenceValues.of(batch(manager)
                    .responses(new long[] {10, 11, 10}, new long[] {12, 10, 13}).build());
            double[] pooled = {(1 + 1 + 1) / 3.0, (0 + 0.5 + 1) / 3.0};
            assertArrayEquals(pooled, values[0][0], 1e-15);
            assertArrayEquals(pooled, values[1][1], 1e-15);
            assertArrayEquals(pooled, values[0][2], 1e-15);
            assertArrayEquals(new double[] {0, 0.5}, values[0][1], 0);
            assertArrayEquals(new double[] {0, 1}, values[1][0], 0);
        }
    }

    @Test
    void givenValuesWinOverEverythingElse() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][] a = {{0.2, 0.3}, {0.4, 0.5}, {0.6, 0.7}};
            double[][] b = {{0.8, 0.9}, {0.1, 0.0}, {1.0, 0.25}};
            double[][][] values = PreferenceValues.of(batch(manager)
                    .responses(new long[] {1, 2, 1}, new long[] {3, 4, 5})
                    .preferenceValues(manager.create(a), manager.create(b)).build());
            assertArrayEquals(a[2], values[0][2], 1e-15);
            assertArrayEquals(b[1], values[1][1], 1e-15);
        }
    }

    @Test
    void valuesOutsideTheUnitIntervalAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            double[][] a = {{0.2, 0.3}, {0.4, 1.5}, {0.6, 0.7}};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> batch(manager)
                    .preferenceValues(manager.create(a), manager.create(a)).build());
            assertTrue(e.getMessage().contains("batch.preferenceValuesA[1, 1]"), e.getMessage());
        }
    }

    @Test
    void negativeIdsAreRefused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> batch(manager).prompts(new long[] {0, -2, 1}).build());
            assertTrue(e.getMessage().contains("batch.prompts[1]"), e.getMessage());
        }
    }
}
