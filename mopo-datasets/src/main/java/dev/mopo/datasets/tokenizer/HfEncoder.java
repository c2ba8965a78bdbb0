package dev.mopo.datasets.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.mopo.datasets.batch.Encoded;
import dev.mopo.datasets.batch.TokenEncoder;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link HfTokenizer#encoder()}: a batch of texts in one native call, reading back only the ids
 * (DJL's {@code batchEncode} would also copy tokens, offsets and masks). Character spans are read
 * only where a character may have gone unencoded: for every text when the tokenizer can drop
 * characters ({@link TokenizerJson#alwaysCovers()} false, e.g. a vocabulary of characters without
 * byte fallback), else only for texts holding the unknown token.
 */
final class HfEncoder implements TokenEncoder {

    private static final TokenizersLibrary LIB = TokenizersLibrary.LIB;

    private final HuggingFaceTokenizer tokenizer;
    private final Optional<String> eosText;
    private final long unkId;
    private final boolean alwaysCovers;

    HfEncoder(HuggingFaceTokenizer tokenizer, Optional<String> eosText, long unkId, boolean alwaysCovers) {
        this.tokenizer = tokenizer;
        this.eosText = eosText;
        this.unkId = unkId;
        this.alwaysCovers = alwaysCovers;
    }

    @Override
    public List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens) {
        String[] array = texts.toArray(new String[0]);
        long[] encodings = LIB.batchEncode(tokenizer.getHandle(), array, addSpecialTokens);
        try {
            List<Encoded> out = new ArrayList<>(encodings.length);
            for (int i = 0; i < encodings.length; i++) {
                long[] ids = LIB.getTokenIds(encodings[i]);
                int[] narrow = new int[ids.length];
                boolean unknown = false;
                for (int t = 0; t < ids.length; t++) {
                    narrow[t] = Math.toIntExact(ids[t]);
                    unknown |= ids[t] == unkId;
                }
                int unencodable = alwaysCovers && !unknown ? -1
                        : Coverage.firstUnencodable(array[i], ids, LIB.getTokenCharSpans(encodings[i]), unkId);
                out.add(new Encoded(narrow, unencodable));
            }
            return out;
        } finally {
            for (long encoding : encodings) {
                LIB.deleteEncoding(encoding);
            }
            // the native tokenizer must outlive the call: DJL frees it when the Java object is collected
            Reference.reachabilityFence(tokenizer);
        }
    }

    @Override
    public Optional<String> eosText() {
        return eosText;
    }
}
