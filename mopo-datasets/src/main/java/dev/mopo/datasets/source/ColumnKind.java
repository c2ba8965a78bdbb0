package dev.mopo.datasets.source;

/** What a preset requires of a column. */
public enum ColumnKind {
    /** A string. */
    TEXT("a string"),
    /** An integer of any width; floats and booleans are refused. */
    INTEGER("an integer"),
    /** A number: an integer or a float. */
    NUMBER("a number"),
    /** A list. */
    LIST("a list"),
    /** A string or a list (chat messages). */
    TEXT_OR_LIST("a string or a list of messages");

    private final String description;

    ColumnKind(String description) {
        this.description = description;
    }

    /** Whether a non-null value of this type is acceptable. */
    public boolean accepts(ValueType type) {
        switch (this) {
            case TEXT:
                return type == ValueType.TEXT;
            case INTEGER:
                return type == ValueType.INTEGER;
            case NUMBER:
                return type == ValueType.INTEGER || type == ValueType.NUMBER;
            case LIST:
                return type == ValueType.LIST;
            case TEXT_OR_LIST:
                return type == ValueType.TEXT || type == ValueType.LIST;
            default:
                throw new AssertionError(this);
        }
    }

    /** "a string", "an integer", … for messages. */
    public String description() {
        return description;
    }
}
