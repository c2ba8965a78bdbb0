package dev.mopo.datasets.source;

/** Helpers for putting values into error messages. */
public final class Values {

    private static final int MAX = 80;

    private Values() {}

    /** The text cut to 80 characters with an ellipsis, so a message stays one readable line. */
    public static String shorten(String text) {
        String flat = text.replace("\n", "\\n");
        return flat.length() <= MAX ? flat : flat.substring(0, MAX - 1) + "…";
    }

    /** A string value quoted and shortened, for messages. */
    public static String quote(String text) {
        return "\"" + shorten(text) + "\"";
    }
}
