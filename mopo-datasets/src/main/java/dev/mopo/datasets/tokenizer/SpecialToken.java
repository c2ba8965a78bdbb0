package dev.mopo.datasets.tokenizer;

/**
 * A special token: its text and its id.
 *
 * @param text the token as written, e.g. {@code <s>}
 * @param id its id in the vocabulary
 */
public record SpecialToken(String text, long id) {}
