package dev.mopo.datasets.batch;

/**
 * One text as token ids, and whether the tokenizer encoded all of it.
 *
 * @param ids the token ids
 * @param unencodable the index (a Java {@code char} index into the text) of the first character
 *     the tokenizer could not encode: it became the unknown token, or no token covers it although
 *     it is not whitespace; -1 when every character was encoded
 */
public record Encoded(int[] ids, int unencodable) {

    /** Ids of a text encoded completely. */
    public static Encoded of(int[] ids) {
        return new Encoded(ids, -1);
    }

    /** Whether every character of the text was encoded. */
    public boolean complete() {
        return unencodable < 0;
    }
}
