package dev.mopo.core.dual;

import dev.mopo.core.tilt.ResponseSample;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * The pairs {@link DataDual} updates on: those observed since the previous update
 * ({@code capacity = 0}) or the most recent {@code capacity} pairs observed. Kept as
 * {@link ResponseSample#rows() rows} so that it can be saved and restored exactly.
 */
final class EvidenceWindow {

    private final int capacity;
    private final int objectives;
    private final ArrayDeque<double[]> rows = new ArrayDeque<>();
    private int fresh;

    EvidenceWindow(int capacity, int objectives) {
        this.capacity = capacity;
        this.objectives = objectives;
    }

    /** Adds a micro-batch's pairs ({@link ResponseSample#rows()}), dropping the oldest beyond the capacity. */
    void add(java.util.List<double[]> pairRows) {
        for (double[] row : pairRows) {
            rows.addLast(row);
            fresh++;
            if (capacity > 0 && rows.size() > capacity) {
                rows.removeFirst();
            }
        }
        fresh = Math.min(fresh, rows.size());
    }

    /** The pairs to update on; {@link IllegalStateException} when none arrived since the previous update. */
    ResponseSample sample(long step) {
        if (fresh == 0) {
            throw new IllegalStateException("step " + step + ": no micro-batch was observed since the last dual update");
        }
        return ResponseSample.fromRows(new ArrayList<>(rows), objectives);
    }

    /** Marks the evidence as used: forgotten without a window, kept (but no longer fresh) with one. */
    void consumed() {
        if (capacity == 0) {
            rows.clear();
        }
        fresh = 0;
    }

    /** Forgets every row. */
    void clear() {
        rows.clear();
        fresh = 0;
    }

    /** The rows, oldest first (copies), or null when empty. */
    double[][] state() {
        return rows.isEmpty() ? null : rows.stream().map(double[]::clone).toArray(double[][]::new);
    }

    /** How many of the rows arrived since the previous update. */
    int fresh() {
        return fresh;
    }

    /** Replaces the contents with saved rows, the last {@code freshRows} of them fresh. */
    void restore(double[][] saved, int freshRows) {
        rows.clear();
        if (saved != null) {
            for (double[] row : saved) {
                if (row.length != 3 + 2 * objectives) {
                    throw new IllegalArgumentException("saved dual evidence rows must hold " + (3 + 2 * objectives)
                            + " numbers, got " + row.length);
                }
                rows.addLast(row.clone());
            }
        }
        if (freshRows < 0 || freshRows > rows.size()) {
            throw new IllegalArgumentException("saved dual state has " + freshRows + " fresh pairs of " + rows.size());
        }
        fresh = freshRows;
    }
}
