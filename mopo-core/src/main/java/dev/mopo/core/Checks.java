package dev.mopo.core;

/** Argument checks whose messages name the field and the offending value. */
public final class Checks {

    private Checks() {}

    /** Requires a value users must give; {@code message} names the setting and what to give. */
    public static <T> T required(T value, String message) {
        if (value == null) {
            throw new IllegalArgumentException(message);
        }
        return value;
    }

    /** Requires {@code value > 0} and finite. */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0} and finite. */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 0, got " + value);
        }
        return value;
    }

    /** Requires {@code 0 < value < 1}. */
    public static double openUnit(String field, double value) {
        if (!(value > 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in (0, 1), got " + value);
        }
        return value;
    }

    /** Requires {@code 0 <= value < 1}. */
    public static double halfOpenUnit(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /** Requires {@code value >= 0}. */
    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
        return value;
    }

    /** Requires {@code value >= 1}. */
    public static int atLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, got " + value);
        }
        return value;
    }
}
