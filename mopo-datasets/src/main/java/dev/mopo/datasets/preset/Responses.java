package dev.mopo.datasets.preset;

import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.SourceRow;
import dev.mopo.datasets.source.Values;

/** The checks every pair's responses pass: neither empty, and not the same text. */
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
        if (a.equals(b)) {
            return new Rejection(row.file(), row.row(), RejectReason.IDENTICAL_RESPONSES,
                    "'" + nameA + "' and '" + nameB + "' are the same text: " + Values.quote(a));
        }
        return null;
    }
}
