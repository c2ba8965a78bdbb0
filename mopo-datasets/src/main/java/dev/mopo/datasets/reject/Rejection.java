package dev.mopo.datasets.reject;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One rejected row: where it is, why it was rejected, and the field and value at fault.
 *
 * @param file the file the row is in
 * @param row the 0-based row (line for JSONL; counted across batches and shards for Arrow data)
 * @param reason why
 * @param detail the field and the value at fault, in words
 */
public record Rejection(Path file, long row, RejectReason reason, String detail) {

    /** Checks that every part is present. */
    public Rejection {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * {@code FILE row N: reason: detail}, with {@code N} counted from 1 as editors count lines (row 1
     * is a JSONL file's first line, or the first record of Arrow data).
     */
    public String message() {
        return file + " row " + (row + 1) + ": " + reason.key() + ": " + detail;
    }
}
