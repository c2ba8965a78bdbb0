package dev.mopo.datasets.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import dev.mopo.datasets.batch.Encoded;
import dev.mopo.datasets.batch.TokenEncoder;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@link HfTokenizer#encoder()}: a batch of texts in one native call, reading back only the ids
 * (DJL's {@code batchEncode} would also copy tokens, offsets and masks; reading the character
 * spans of every text adds 50–80 % to the encoding time). Spans are read only where
 * a character may have gone unencoded: for a text holding the unknown token (the model's own, or
 * {@link UnknownSentinel}), and for every text when a normalizer or pre-tokenizer step can delete
 * characters ({@link TokenizerJson#stepsKeepText()} false).
 */
final class HfEncoder implements TokenEncoder {

    private static final TokenizersLibrary LIB = TokenizersLibrary.LIB;

    private final HuggingFaceTokenizer tokenizer;
    private final Optional<String> eosText;
    private final long unkId;
    private final long sentinelId;
    private final boolean stepsKeepText;

    /**
     * @param unkId the unknown token's id, or -1
     * @param sentinelId the id of {@link UnknownSentinel} when the tokenizer has it (then also {@code unkId}), else -1
     */
    HfEncoder(HuggingFaceTokenizer tokenizer, Optional<String> eosText, long unkId, long sentinelId,
            boolean stepsKeepText) {
        this.tokenizer = tokenizer;
        this.eosText = eosText;
        this.unkId = unkId;
        this.sentinelId = sentinelId;
        this.stepsKeepText = stepsKeepText;
    }

    @Override
    public List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens) {
        String[] array = texts.toArray(new String[0]);
        long[] encodings = LIB.batchEncode(tokenizer.getHandle(), array, addSpecialTokens);
        try {
            List<Encoded> out = new ArrayList<>(encodings.length);
            for (int i = 0; i < encodings.length; i++) {
                long[] ids = LIB.getTokenIds(encodings[i]);
                boolean unknown = false;
                for (long id : ids) {
                    unknown |= id == unkId;
                }
                int unencodable = stepsKeepText && !unknown ? -1
                        : Coverage.firstUnencodable(array[i], ids, LIB.getTokenCharSpans(encodings[i]), unkId);
                // whitespace the sentinel stands for is dropped, as transformers drops it
                out.add(new Encoded(Arrays.stream(ids).filter(id -> id != sentinelId).mapToInt(Math::toIntExact)
                        .toArray(), unencodable));
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
