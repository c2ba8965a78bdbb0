package dev.mopo.djl.train.data;

import dev.mopo.datasets.batch.TokenizedPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest of tokenised pairs in order (each pair's id and token ids): two streams with
 * the same digest hold the same pairs, in the same order, tokenised the same way.
 */
final class PairDigest {

    private final MessageDigest digest;
    private int pairs;

    PairDigest() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    void add(TokenizedPair pair) {
        pairs++;
        digest.update(pair.id().getBytes(StandardCharsets.UTF_8));
        for (int[] ids : new int[][] {pair.prompt(), pair.responseA(), pair.responseB()}) {
            for (int id : ids) {
                digest.update((byte) id);
                digest.update((byte) (id >>> 8));
                digest.update((byte) (id >>> 16));
            }
            digest.update((byte) 0xff);
        }
    }

    /** The pairs added. */
    int pairs() {
        return pairs;
    }

    /** The digest as hex; ends this digest. */
    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
