package dev.mopo.datasets.source;

/** A string field whose bytes are not valid UTF-8. */
public final class UndecodableTextException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The field whose bytes failed to decode, and where. */
    public UndecodableTextException(String field, String detail) {
        super("field '" + field + "' is not valid UTF-8: " + detail);
    }
}
