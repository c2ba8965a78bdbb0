package dev.mopo.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * An enum constant that users name by a key in configs and on the command line ({@code mopo-fixed},
 * {@code cosine}, {@code fp16}): one spelling everywhere, and one error for a key that names none.
 * Implementations return the key from {@code toString()} too, so that logs, JSON and the command
 * line's help print what users write.
 */
public interface Choice {

    /** The key users write. */
    String key();

    /**
     * The constant of {@code type} whose key is {@code key}.
     *
     * @throws IllegalArgumentException naming {@code setting}, the key and every allowed key
     */
    static <E extends Enum<E> & Choice> E of(Class<E> type, String setting, String key) {
        for (E constant : type.getEnumConstants()) {
            if (constant.key().equals(key)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(setting + " must be one of " + keys(type) + ", got '" + key + "'");
    }

    /** Every key of {@code type}, comma-separated, in declaration order. */
    static <E extends Enum<E> & Choice> String keys(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Choice::key).collect(Collectors.joining(", "));
    }
}
