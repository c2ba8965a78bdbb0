package dev.mopo.datasets.reject;

import java.util.Locale;

/**
 * Why a row was not turned into a pair. When several apply, a row is reported once, under the
 * first in declaration order: decoding, then missing values, then types, then the preset's
 * structure, then the responses, then the labels, then tokenisation (the last two are found by
 * {@link dev.mopo.datasets.batch.PairTokenizer}, after the reader has kept the pair).
 */
public enum RejectReason {
    /** JSONL: the line is not valid UTF-8 (decoded strictly: reported, never replaced). */
    INVALID_UTF8,
    /** JSONL: the line is not one JSON object. */
    MALFORMED_JSON,
    /** gzip: the compressed stream ends before its trailer; the row is the first incomplete record. */
    TRUNCATED_INPUT,
    /** A required field is null or absent. */
    NULL_FIELD,
    /** A required field holds a value of the wrong type (JSONL; in Arrow data this is a file error). */
    WRONG_TYPE,
    /** hh-rlhf: a transcript has no {@code "\n\nAssistant:"} turn, or chosen and rejected prompts differ. */
    MALFORMED_TRANSCRIPT,
    /** helpsteer2: a row whose neighbour does not share its prompt, or a trailing lone row. */
    UNPAIRABLE_ROW,
    /** ultrafeedback: fewer than two completions with an integer rating on the ranking aspect. */
    INSUFFICIENT_COMPLETIONS,
    /** A response is empty or whitespace only. */
    EMPTY_RESPONSE,
    /** Both responses are the same text. */
    IDENTICAL_RESPONSES,
    /** A label outside its domain: a choice id that is not 0 or 1, a label not in {-1, 0, 1}, a NaN score. */
    INVALID_OUTCOME,
    /**
     * The tokenizer cannot encode the rendered prompt or a response: a character becomes the
     * unknown token, or is covered by no token at all (a vocabulary without it and without a byte
     * fallback drops it silently).
     */
    UNENCODABLE_TEXT,
    /** A response keeps no token of its own after truncation (an appended end-of-sequence token does not count). */
    NO_RESPONSE_TOKENS;

    /** The snake_case key used in reports, for example {@code null_field}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return key();
    }
}
