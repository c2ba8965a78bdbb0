package dev.mopo.datasets.inspect;

/**
 * How one objective labels the kept pairs.
 *
 * @param preferA pairs with outcome +1
 * @param preferB pairs with outcome -1
 * @param ties pairs with outcome 0 (a tie or no label)
 */
public record OutcomeCounts(long preferA, long preferB, long ties) {

    /** All pairs counted. */
    public long total() {
        return preferA + preferB + ties;
    }
}
