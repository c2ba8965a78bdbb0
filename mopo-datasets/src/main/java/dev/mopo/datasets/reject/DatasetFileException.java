package dev.mopo.datasets.reject;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A whole file that cannot be read as the preset asks: a required column is missing or has
 * the wrong Arrow type, the bytes are in no supported format, or the file is not preference
 * data at all. Nothing from the file is kept.
 */
public final class DatasetFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A required column is absent from the schema. */
    public static final String MISSING_COLUMN = "missing_column";
    /** A required column has the wrong type in the schema. */
    public static final String WRONG_TYPE = "wrong_type";
    /** The bytes are in no format this module reads. */
    public static final String UNSUPPORTED_FORMAT = "unsupported_format";
    /** The file is readable but is not what the preset reads. */
    public static final String NOT_PREFERENCE_DATA = "not_preference_data";
    /** The file could not be read at all. */
    public static final String UNREADABLE = "unreadable";

    private final transient Path file;
    private final String reason;
    private final String detail;
    private final long rows;

    /** A file error; {@code rows} is the physical row count when known, else -1. */
    public DatasetFileException(Path file, String reason, String detail, long rows, Throwable cause) {
        super(file + ": " + reason + ": " + detail, cause);
        this.file = file;
        this.reason = reason;
        this.detail = detail;
        this.rows = rows;
    }

    /** A file error without a known row count. */
    public DatasetFileException(Path file, String reason, String detail) {
        this(file, reason, detail, -1, null);
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** A snake_case reason, one of the constants of this class. */
    public String reason() {
        return reason;
    }

    /** The column, type or bytes at fault, in words. */
    public String detail() {
        return detail;
    }

    /** The number of rows the file physically holds, when it could be counted. */
    public OptionalLong rows() {
        return rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows);
    }

    /** The same error with the physical row count filled in. */
    public DatasetFileException withRows(long count) {
        return new DatasetFileException(file, reason, detail, count, getCause());
    }
}
