package dev.mopo.datasets.tokenizer;

/**
 * The 256 characters byte-level BPE writes bytes as (GPT-2's {@code bytes_to_unicode}, used by the
 * {@code ByteLevel} step of the tokenizers library): the printable bytes {@code !}…{@code ~},
 * {@code ¡}…{@code ¬} and {@code ®}…{@code ÿ} stand for themselves, the other 68 bytes, in order,
 * for U+0100 onwards.
 */
final class ByteLevelAlphabet {

    private static final int[] BYTE_OF = new int[256 + 68];

    static {
        java.util.Arrays.fill(BYTE_OF, -1);
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE && b <= 0xFF;
            BYTE_OF[printable ? b : 256 + shifted++] = b;
        }
    }

    private ByteLevelAlphabet() {}

    /** The byte a character of the alphabet stands for, or -1 when it is not one. */
    static int byteOf(char c) {
        return c < BYTE_OF.length ? BYTE_OF[c] : -1;
    }
}
