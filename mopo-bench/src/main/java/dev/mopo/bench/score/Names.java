package dev.mopo.bench.score;

import java.util.regex.Pattern;

/** Scorer names and provider ids: they name files, so letters, digits, {@code .}, {@code _} and {@code -} only. */
final class Names {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]+");

    private Names() {}

    /** Returns {@code value} when valid; otherwise an {@link IllegalArgumentException} naming {@code what}. */
    static String check(String what, String value) {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be letters, digits, '.', '_' or '-'");
        }
        return value;
    }
}
