package dev.mopo.datasets.example;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Content ids for pairs: the same prompt and responses always give the same id. */
final class ExampleIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private ExampleIds() {}

    /** 16 hex digits of SHA-256 over the three texts, each followed by a NUL byte. */
    static String of(String prompt, String responseA, String responseB) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        for (String part : new String[] {prompt, responseA, responseB}) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        byte[] hash = digest.digest();
        char[] out = new char[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        return new String(out);
    }
}
