package dev.mopo.datasets.inspect;

/**
 * How often an objective disagrees with the primary: among the pairs where both prefer a
 * response (neither outcome is 0), the share where they prefer different ones.
 *
 * @param comparable pairs where both outcomes are non-zero
 * @param disagreeing of those, pairs where the outcomes differ
 */
public record Conflict(long comparable, long disagreeing) {

    /** {@code disagreeing / comparable}, or NaN when no pair is comparable. */
    public double rate() {
        return comparable == 0 ? Double.NaN : (double) disagreeing / comparable;
    }
}
