package dev.mopo.datasets.batch;

import java.util.List;
import java.util.Optional;

/**
 * Text to token ids: what {@link PairTokenizer} needs from a tokenizer.
 * {@link dev.mopo.datasets.tokenizer.HfTokenizer#encoder()} is the implementation for Hugging Face
 * tokenizers.
 */
public interface TokenEncoder {

    /**
     * The encodings of many texts, in order, one per text.
     *
     * @param addSpecialTokens whether the tokenizer adds its special tokens (its post-processor's
     *     BOS, for example), as transformers' {@code add_special_tokens}
     */
    List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens);

    /**
     * The text of the tokenizer's end-of-sequence token (transformers' {@code tokenizer.eos_token}),
     * which TRL appends to the responses of text rows; empty when the tokenizer names none.
     */
    Optional<String> eosText();
}
