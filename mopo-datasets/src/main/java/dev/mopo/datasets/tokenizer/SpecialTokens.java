package dev.mopo.datasets.tokenizer;

import java.util.Optional;

/**
 * The begin-of-sequence, end-of-sequence and padding tokens a model folder declares.
 *
 * @param bos the begin-of-sequence token, if any
 * @param eos the end-of-sequence token, if any
 * @param pad the padding token, if any
 */
public record SpecialTokens(Optional<SpecialToken> bos, Optional<SpecialToken> eos, Optional<SpecialToken> pad) {}
