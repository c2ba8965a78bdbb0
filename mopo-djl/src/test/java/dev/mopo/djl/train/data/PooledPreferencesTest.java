package dev.mopo.djl.train.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pooled preference values and Eq. 3's per-prompt normaliser, against sums written out by hand. */
class PooledPreferencesTest {

    private static final double TAU = 0.5;

    /**
     * Prompt 7: responses 1 (twice), 2, 3; prompt 8: responses 4 and 5 once. Corpus objectives
     * (x, helpful, harmless); the run reads helpful (column 1) and harmless (column 2).
     */
    private static PooledPreferences pool() {
        PooledPreferences pool = new PooledPreferences(new int[] {1, 2});
        pool.add(7, 1, 2, new int[] {0, 1, -1});
        pool.add(7, 3, 1, new int[] {0, 0, -1});
        pool.add(8, 4, 5, new int[] {0, -1, 1});
        return pool;
    }

    @Test
    void eachResponsesValueIsItsMeanResultOverItsPairs() {
        PooledPreferences pool = pool();
        assertArrayEquals(new float[] {(1 + 0.5f) / 2, (0 + 1) / 2f}, pool.values(1));
        assertArrayEquals(new float[] {0, 1}, pool.values(2));
        assertArrayEquals(new float[] {0.5f, 0}, pool.values(3));
        assertArrayEquals(new float[] {0, 1}, pool.values(4));
        assertEquals(5, pool.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.values(99));
        assertTrue(e.getMessage().contains("99"), e.getMessage());
    }

    @Test
    void theNormaliserAveragesExpScoreOverThePromptsResponsesByOccurrence() {
        PooledPreferences pool = pool();
        double lambda = 1.5;
        double s1 = 0.75 + lambda * 0.5;
        double s2 = 0 + lambda * 1;
        double s3 = 0.5 + lambda * 0;
        double expected7 = Math.log((2 * Math.exp(s1 / TAU) + Math.exp(s2 / TAU) + Math.exp(s3 / TAU)) / 4);
        assertEquals(expected7, pool.logNormaliser(7, new double[] {lambda}, TAU), 1e-9);
        double expected8 = Math.log((Math.exp((0 + lambda) / TAU) + Math.exp((1 + 0) / TAU)) / 2);
        assertEquals(expected8, pool.logNormaliser(8, new double[] {lambda}, TAU), 1e-9);
        assertEquals(Math.log((2 * Math.exp(0.75 / TAU) + Math.exp(0) + Math.exp(0.5 / TAU)) / 4),
                pool.logNormaliser(7, new double[] {0}, TAU), 1e-9, "recomputed when the multipliers change");
        assertTrue(Double.isNaN(pool.logNormaliser(9, new double[] {lambda}, TAU)), "an unknown prompt");
    }
}
