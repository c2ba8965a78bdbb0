package dev.mopo.datasets.inspect;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact length statistics over a stream without keeping the lengths: counts per length, in an
 * array for lengths below 65 536 and a sorted map above.
 */
final class LengthStats {

    private static final int DENSE = 1 << 16;

    private long[] counts = new long[256];
    private final TreeMap<Integer, Long> large = new TreeMap<>();
    private long n;
    private long sum;
    private int min = Integer.MAX_VALUE;
    private int max;

    void add(int length) {
        if (length < DENSE) {
            if (length >= counts.length) {
                counts = Arrays.copyOf(counts, Math.min(DENSE, Integer.highestOneBit(length) << 1));
            }
            counts[length]++;
        } else {
            large.merge(length, 1L, Long::sum);
        }
        n++;
        sum += length;
        min = Math.min(min, length);
        max = Math.max(max, length);
    }

    /** The summary; all zero when nothing was added. */
    LengthSummary summary() {
        if (n == 0) {
            return new LengthSummary(0, 0, 0, 0, 0, 0, 0);
        }
        return new LengthSummary(n, min, (double) sum / n, quantile(0.5), quantile(0.95), quantile(0.99), max);
    }

    /** The smallest length with at least {@code q * n} lengths at or below it. */
    private int quantile(double q) {
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int length = 0; length < counts.length; length++) {
            seen += counts[length];
            if (seen >= rank) {
                return length;
            }
        }
        for (Map.Entry<Integer, Long> entry : large.entrySet()) {
            seen += entry.getValue();
            if (seen >= rank) {
                return entry.getKey();
            }
        }
        return max;
    }
}
