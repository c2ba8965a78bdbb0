package dev.mopo.datasets.batch;

import java.nio.file.Path;

/**
 * One pair as token ids, already truncated: the prompt, each response (for a text template with
 * its EOS, for a chat template with the template's end of turn), the K outcomes as signs, where
 * the pair was read from, and the pair's position among the kept pairs of the stream it was
 * tokenised from (so that values computed once per pair, such as reference log-probs, can be
 * looked up again after shuffling).
 */
public final class TokenizedPair {

    private final String id;
    private final Path file;
    private final long row;
    private final int index;
    private final int[] prompt;
    private final int[] responseA;
    private final int[] responseB;
    private final int[] outcomes;
    private final double[] scoresA;
    private final double[] scoresB;
    private final long promptKey;

    TokenizedPair(String id, Path file, long row, int index, int[] prompt, int[] responseA, int[] responseB,
            int[] outcomes, double[] scoresA, double[] scoresB) {
        this.id = id;
        this.file = file;
        this.row = row;
        this.index = index;
        this.prompt = prompt;
        this.responseA = responseA;
        this.responseB = responseB;
        this.outcomes = outcomes;
        this.scoresA = scoresA;
        this.scoresB = scoresB;
        this.promptKey = key(0, prompt);
    }

    /**
     * A pair made from token ids in code (tests, tools) rather than read from a file: its file is
     * {@code in-memory}, row 0, without per-response scores.
     */
    public static TokenizedPair of(String id, int index, int[] prompt, int[] responseA, int[] responseB,
            int[] outcomes) {
        return new TokenizedPair(id, Path.of("in-memory"), 0, index, prompt.clone(), responseA.clone(),
                responseB.clone(), outcomes.clone(), null, null);
    }

    /** The pair's stable id. */
    public String id() {
        return id;
    }

    /** The file the pair was read from, for messages. */
    public Path file() {
        return file;
    }

    /** The 0-based row the pair was read from (its first row, for HelpSteer2), for messages. */
    public long row() {
        return row;
    }

    /**
     * The pair's position, from 0, among the pairs kept from the stream it was tokenised from:
     * refused pairs take no number, so the same stream gives the same numbers on every pass.
     */
    public int index() {
        return index;
    }

    /** A non-negative key of the prompt's token ids: pairs with the same prompt share it. */
    public long promptKey() {
        return promptKey;
    }

    /** A non-negative key of response a: its prompt's and its own token ids. */
    public long responseKeyA() {
        return key(promptKey, responseA);
    }

    /** A non-negative key of response b: its prompt's and its own token ids. */
    public long responseKeyB() {
        return key(promptKey, responseB);
    }

    /** FNV-1a over {@code tokens} following {@code seed}, then mixed, as 63 bits. */
    private static long key(long seed, int[] tokens) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int token : tokens) {
            h = (h ^ token) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return (h ^ (h >>> 33)) & Long.MAX_VALUE;
    }

    /** Prompt token ids. */
    public int[] prompt() {
        return prompt.clone();
    }

    /** Token ids of response a. */
    public int[] responseA() {
        return responseA.clone();
    }

    /** Token ids of response b. */
    public int[] responseB() {
        return responseB.clone();
    }

    /** Outcome signs, one per objective. */
    public int[] outcomes() {
        return outcomes.clone();
    }

    /** The longer of the two rows: prompt plus the longer response. */
    public int length() {
        return prompt.length + Math.max(responseA.length, responseB.length);
    }

    /** Prompt plus both responses: the pair's row when its prompt is shared by both responses. */
    public int tokens() {
        return prompt.length + responseA.length + responseB.length;
    }

    int[] promptIds() {
        return prompt;
    }

    int[] idsA() {
        return responseA;
    }

    int[] idsB() {
        return responseB;
    }

    int[] signs() {
        return outcomes;
    }

    double[] rawScoresA() {
        return scoresA;
    }

    double[] rawScoresB() {
        return scoresB;
    }
}
