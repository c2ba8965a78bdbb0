package dev.mopo.datasets.source;

import java.util.List;

/**
 * One row, or one nested struct in a row, with fields looked up by name. Accessors require the
 * value to have the matching {@link ValueType}; callers check {@link #type} first. A record read
 * from Arrow data is a view on the current record batch and is valid only until the source
 * moves on: copy what you need.
 */
public interface Record {

    /** The type of a field; {@link ValueType#NULL} when it is null or absent. */
    ValueType type(String field);

    /** A {@link ValueType#TEXT} field; undecodable bytes throw {@link UndecodableTextException}. */
    String text(String field);

    /** An {@link ValueType#INTEGER} field. */
    long integer(String field);

    /** An {@link ValueType#INTEGER} or {@link ValueType#NUMBER} field as a double. */
    double number(String field);

    /** A {@link ValueType#BOOLEAN} field. */
    boolean bool(String field);

    /** A {@link ValueType#RECORD} field. */
    Record record(String field);

    /** A {@link ValueType#LIST} field whose elements are records; null elements stay null. */
    List<Record> records(String field);

    /** The type of the elements of a {@link ValueType#LIST} field (of its first non-null element for JSON). */
    ValueType elementType(String field);

    /** The value of a field as short text for error messages: strings quoted, long values cut. */
    String describe(String field);

    /** Whether the field is present and not null. */
    default boolean has(String field) {
        return type(field) != ValueType.NULL;
    }
}
