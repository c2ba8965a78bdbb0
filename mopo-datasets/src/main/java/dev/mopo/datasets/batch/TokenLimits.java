package dev.mopo.datasets.batch;

import dev.mopo.core.Checks;

/**
 * How long a tokenised pair may be ({@code max_length} and {@code max_prompt_length}, the settings
 * of TRL before 1.0): when prompt plus the longer response exceeds {@code maxLength}, the prompt
 * keeps its last {@code maxPromptLength} tokens, then the responses their first
 * {@code maxLength − maxPromptLength}. {@link PairTokenizer} describes how this differs from TRL
 * 1.13.
 *
 * @param maxLength the most tokens of prompt plus response in one row (the setting {@code max_length})
 * @param maxPromptLength the most prompt tokens kept when a row is too long ({@code max_prompt_length})
 */
public record TokenLimits(int maxLength, int maxPromptLength) {

    /** TRL's DPO defaults: 1024 and 512. */
    public static final TokenLimits DEFAULT = new TokenLimits(1024, 512);

    /** No truncation at all, for measuring pairs as they are. */
    public static final TokenLimits NONE = new TokenLimits(Integer.MAX_VALUE, Integer.MAX_VALUE - 1);

    /** Validates both limits: the prompt's must leave room for a response. */
    public TokenLimits {
        Checks.atLeastOne("max_length", maxLength);
        Checks.atLeastOne("max_prompt_length", maxPromptLength);
        if (maxPromptLength >= maxLength) {
            throw new IllegalArgumentException("max_prompt_length (" + maxPromptLength
                    + ") must be below max_length (" + maxLength + ") to leave room for the response");
        }
    }
}
