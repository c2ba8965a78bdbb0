package dev.mopo.datasets.preset;

import dev.mopo.core.objective.Outcome;

/** Outcomes from the values presets compare. */
final class Outcomes {

    private Outcomes() {}

    /** {@code sign(a - b)} of two integer scores. */
    static Outcome compare(long scoreA, long scoreB) {
        return Outcome.ofSign(Long.compare(scoreA, scoreB));
    }

    /** {@code +1} when the choice id names response a ({@code 0}), else {@code -1}. */
    static Outcome ofChoice(long chosenId) {
        return chosenId == 0 ? Outcome.A_PREFERRED : Outcome.B_PREFERRED;
    }
}
