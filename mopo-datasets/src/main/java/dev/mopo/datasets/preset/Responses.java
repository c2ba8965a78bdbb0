package dev.mopo.datasets.preset;

import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.SourceRow;
import dev.mopo.datasets.source.Values;

/**
 * The checks every pair's responses pass: neither empty nor whitespace only, and not the same
 * text once leading and trailing whitespace is ignored (presets keep the whitespace the corpus
 * has; only these checks look past it).
 */
final class Responses {

    private Responses() {}

    /**
     * The rejection for a bad pair of responses, or null when they are fine.
     *
     * @param nameA how to name response a in the message (a field, or a path into a list)
     */
    static Rejection check(SourceRow row, String nameA, String a, String nameB, String b) {
        if (a.strip().isEmpty()) {
            return new Rejection(row.file(), row.row(), RejectReason.EMPTY_RESPONSE,
                    "'" + nameA + "' is empty or whitespace only: " + Values.quote(a));
        }
        if (b.strip().isEmpty()) {
            return new Rejection(row.file(), row.row(), RejectReason.EMPTY_RESPONSE,
                    "'" + nameB + "' is empty or whitespace only: " + Values.quote(b));
        }
        if (same(a, b)) {
            return new Rejection(row.file(), row.row(), RejectReason.IDENTICAL_RESPONSES,
                    "'" + nameA + "' and '" + nameB + "' are the same text: " + Values.quote(a));
        }
        return null;
    }

    /** Whether two responses are the same text, leading and trailing whitespace ignored. */
    static boolean same(String a, String b) {
        return a.strip().equals(b.strip());
    }
}
