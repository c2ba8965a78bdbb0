package dev.mopo.datasets.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Text to token ids: the one thing batching needs from a tokenizer, so any tokenizer plugs in
 * as a method reference. Whether special tokens (a BOS) are added is the encoder's choice; the
 * end-of-sequence id appended to responses is set in {@link BatchConfig}.
 */
@FunctionalInterface
public interface TokenEncoder {

    /** The token ids of {@code text}. */
    int[] encode(String text);

    /**
     * The token ids of many texts, in order. Override it when the tokenizer encodes a batch
     * faster than one text at a time (in parallel, or with fewer native calls).
     */
    default List<int[]> encodeAll(List<String> texts) {
        List<int[]> ids = new ArrayList<>(texts.size());
        for (String text : texts) {
            ids.add(encode(text));
        }
        return ids;
    }
}
