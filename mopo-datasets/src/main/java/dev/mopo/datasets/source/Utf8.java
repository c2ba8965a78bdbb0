package dev.mopo.datasets.source;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed bytes are reported, never replaced by U+FFFD. */
final class Utf8 {

    /** Bytes that are not UTF-8; the message gives the offset and the byte. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private static final ThreadLocal<CharsetDecoder> STRICT = ThreadLocal.withInitial(() ->
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {}

    /**
     * Decodes {@code bytes[offset, offset + length)}. The JDK's fast decoder runs first; only when
     * its result holds a replacement character are the bytes decoded again strictly, to tell a
     * genuine U+FFFD from a malformed sequence.
     */
    static String decode(byte[] bytes, int offset, int length) throws MalformedException {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            CharsetDecoder decoder = STRICT.get().reset();
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
            try {
                decoder.decode(in);
            } catch (CharacterCodingException e) {
                int at = in.position();
                throw new MalformedException("malformed UTF-8 at byte " + (at - offset) + " (0x"
                        + String.format("%02X", bytes[at] & 0xFF) + ")");
            }
        }
        return text;
    }
}
