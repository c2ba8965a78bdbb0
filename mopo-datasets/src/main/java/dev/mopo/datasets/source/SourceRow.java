package dev.mopo.datasets.source;

import dev.mopo.datasets.reject.RejectReason;
import java.nio.file.Path;

/**
 * One row as read: either a {@link Record}, or why the bytes could not become one
 * ({@link RejectReason#INVALID_UTF8}, {@link RejectReason#MALFORMED_JSON},
 * {@link RejectReason#TRUNCATED_INPUT}).
 *
 * @param file the file the row is in
 * @param row the 0-based row index
 * @param record the record, or null when decoding failed
 * @param failure why decoding failed, or null
 * @param detail what failed, in words, or null
 */
public record SourceRow(Path file, long row, Record record, RejectReason failure, String detail) {

    /** A decoded row. */
    public static SourceRow of(Path file, long row, Record record) {
        return new SourceRow(file, row, record, null, null);
    }

    /** A row that could not be decoded. */
    public static SourceRow failed(Path file, long row, RejectReason failure, String detail) {
        return new SourceRow(file, row, null, failure, detail);
    }

    /** Whether the row decoded. */
    public boolean ok() {
        return record != null;
    }
}
