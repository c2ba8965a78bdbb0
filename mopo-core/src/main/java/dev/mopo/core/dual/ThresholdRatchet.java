package dev.mopo.core.dual;

/**
 * The thresholds in force and their ratchet (spec §10): at every ratchet,
 * {@code b_k ← β · Ĝ_k} as recorded at the previous ratchet ({@code t0} steps earlier), and the
 * current {@code Ĝ_k} is recorded for the next. The first ratchet only records.
 */
final class ThresholdRatchet {

    private final RatchetSchedule schedule;
    private double[] thresholds;
    private double[] pending;

    ThresholdRatchet(RatchetSchedule schedule, double[] thresholds) {
        this.schedule = schedule;
        this.thresholds = thresholds.clone();
    }

    boolean isDue(long step) {
        return schedule.isDue(step);
    }

    /** Ratchets with {@code robust = Ĝ_2 … Ĝ_K} of the ratio the policy follows now. */
    void ratchet(double[] robust) {
        if (pending != null) {
            for (int k = 0; k < thresholds.length; k++) {
                thresholds[k] = schedule.thresholdRelaxation() * pending[k];
            }
        }
        pending = robust.clone();
    }

    /** {@code b_k} in force (the live array: read only). */
    double[] thresholds() {
        return thresholds;
    }

    /** The values recorded at the last ratchet (a copy), or null. */
    double[] pending() {
        return pending == null ? null : pending.clone();
    }

    void restore(double[] savedThresholds, double[] savedPending) {
        if (savedThresholds == null || savedThresholds.length != thresholds.length) {
            throw new IllegalArgumentException("saved dual state must hold " + thresholds.length + " thresholds");
        }
        if (savedPending != null && savedPending.length != thresholds.length) {
            throw new IllegalArgumentException("saved dual state must hold " + thresholds.length + " ratchet values");
        }
        thresholds = savedThresholds.clone();
        pending = savedPending == null ? null : savedPending.clone();
    }
}
