package dev.mopo.datasets.source;

/** The type of one value in a row, the same for JSON and Arrow data. */
public enum ValueType {
    /** Null, or absent from the row. */
    NULL,
    /** A string. */
    TEXT,
    /** An integer of any width. */
    INTEGER,
    /** A floating-point number. */
    NUMBER,
    /** A boolean. */
    BOOLEAN,
    /** A list. */
    LIST,
    /** A nested record (JSON object, Arrow struct). */
    RECORD,
    /** Anything else (dates, binary, maps). */
    OTHER
}
