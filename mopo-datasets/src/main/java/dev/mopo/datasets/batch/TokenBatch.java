package dev.mopo.datasets.batch;

import java.util.Arrays;
import java.util.List;

/**
 * B pairs as padded rows, in the layout of TRL's concatenated forward pass: rows
 * {@code 0 … B-1} hold prompt + response a, rows {@code B … 2B-1} prompt + response b, each of
 * length L (the longest row of the batch). Arrays are row-major {@code [2B, L]}; the response
 * mask marks the tokens whose log-probs a preference loss sums. Outcomes are
 * {@code [B, K]} in {+1, -1, 0}, and the per-response scores, when the corpus has them, are
 * {@code [B, K]} with NaN where a response has no score.
 *
 * <p>The accessors return the batch's own arrays, without copying, for speed: do not modify them.
 */
public final class TokenBatch {

    private final int pairs;
    private final int length;
    private final int objectives;
    private final int[] inputIds;
    private final int[] attentionMask;
    private final int[] responseMask;
    private final int[] responseTokens;
    private final float[] outcomes;
    private final float[] scoresA;
    private final float[] scoresB;
    private final String[] ids;
    private final int[] indices;
    private final long[] promptKeys;
    private final long[] responseKeys;

    private TokenBatch(int pairs, int length, int objectives, int[] inputIds, int[] attentionMask,
            int[] responseMask, int[] responseTokens, float[] outcomes, float[] scoresA, float[] scoresB,
            String[] ids, int[] indices, long[] promptKeys, long[] responseKeys) {
        this.pairs = pairs;
        this.length = length;
        this.objectives = objectives;
        this.inputIds = inputIds;
        this.attentionMask = attentionMask;
        this.responseMask = responseMask;
        this.responseTokens = responseTokens;
        this.outcomes = outcomes;
        this.scoresA = scoresA;
        this.scoresB = scoresB;
        this.ids = ids;
        this.indices = indices;
        this.promptKeys = promptKeys;
        this.responseKeys = responseKeys;
    }

    /** Pads and stacks tokenised pairs; all must have the same number of objectives. */
    public static TokenBatch of(List<TokenizedPair> batch, BatchConfig config) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one pair");
        }
        int b = batch.size();
        int k = batch.get(0).signs().length;
        int l = 0;
        boolean scored = true;
        for (TokenizedPair pair : batch) {
            if (pair.signs().length != k) {
                throw new IllegalArgumentException("pair " + pair.id() + " has " + pair.signs().length
                        + " outcomes, the batch has " + k);
            }
            l = Math.max(l, pair.length());
            scored &= pair.rawScoresA() != null;
        }
        int[] inputIds = new int[2 * b * l];
        int[] attention = new int[2 * b * l];
        int[] response = new int[2 * b * l];
        int[] responseTokens = new int[2 * b];
        float[] outcomes = new float[b * k];
        float[] scoresA = scored ? new float[b * k] : null;
        float[] scoresB = scored ? new float[b * k] : null;
        String[] ids = new String[b];
        int[] indices = new int[b];
        long[] promptKeys = new long[b];
        long[] responseKeys = new long[2 * b];
        Arrays.fill(inputIds, config.padId());
        for (int i = 0; i < b; i++) {
            TokenizedPair pair = batch.get(i);
            ids[i] = pair.id();
            indices[i] = pair.index();
            promptKeys[i] = pair.promptKey();
            responseKeys[i] = pair.responseKeyA();
            responseKeys[b + i] = pair.responseKeyB();
            place(pair.promptIds(), pair.idsA(), i, l, config.paddingSide(), inputIds, attention, response);
            place(pair.promptIds(), pair.idsB(), b + i, l, config.paddingSide(), inputIds, attention, response);
            responseTokens[i] = pair.idsA().length;
            responseTokens[b + i] = pair.idsB().length;
            for (int o = 0; o < k; o++) {
                outcomes[i * k + o] = pair.signs()[o];
                if (scored) {
                    scoresA[i * k + o] = (float) pair.rawScoresA()[o];
                    scoresB[i * k + o] = (float) pair.rawScoresB()[o];
                }
            }
        }
        return new TokenBatch(b, l, k, inputIds, attention, response, responseTokens, outcomes, scoresA, scoresB,
                ids, indices, promptKeys, responseKeys);
    }

    private static void place(int[] prompt, int[] reply, int row, int length, PaddingSide side, int[] inputIds,
            int[] attention, int[] response) {
        int used = prompt.length + reply.length;
        int start = row * length + (side == PaddingSide.LEFT ? length - used : 0);
        System.arraycopy(prompt, 0, inputIds, start, prompt.length);
        System.arraycopy(reply, 0, inputIds, start + prompt.length, reply.length);
        Arrays.fill(attention, start, start + used, 1);
        Arrays.fill(response, start + prompt.length, start + used, 1);
    }

    /** B, the number of pairs. */
    public int size() {
        return pairs;
    }

    /** L, the padded row length. */
    public int length() {
        return length;
    }

    /** K, the number of objectives. */
    public int numObjectives() {
        return objectives;
    }

    /** Token ids, {@code [2B, L]}: a rows then b rows. */
    public int[] inputIds() {
        return inputIds;
    }

    /** 1 on real tokens, 0 on padding, {@code [2B, L]}. */
    public int[] attentionMask() {
        return attentionMask;
    }

    /** The real tokens of all {@code 2B} rows, padding excluded (what TRL counts as non-padding input tokens). */
    public long tokenCount() {
        long count = 0;
        for (int mask : attentionMask) {
            count += mask;
        }
        return count;
    }

    /** 1 on response tokens (prompt and padding 0), {@code [2B, L]}. */
    public int[] responseMask() {
        return responseMask;
    }

    /** Response tokens per row, {@code [2B]}: the counts a mean log-prob reduction divides by. */
    public int[] responseTokens() {
        return responseTokens;
    }

    /** Outcomes, {@code [B, K]} row-major. */
    public float[] outcomes() {
        return outcomes;
    }

    /** The outcomes of objective {@code k}, {@code [B]}. */
    public float[] outcome(int k) {
        if (k < 0 || k >= objectives) {
            throw new IndexOutOfBoundsException("objective " + k + " of " + objectives);
        }
        float[] column = new float[pairs];
        for (int i = 0; i < pairs; i++) {
            column[i] = outcomes[i * objectives + k];
        }
        return column;
    }

    /** Scores of response a, {@code [B, K]}, or null when the corpus has none. */
    public float[] scoresA() {
        return scoresA;
    }

    /** Scores of response b, {@code [B, K]}, or null when the corpus has none. */
    public float[] scoresB() {
        return scoresB;
    }

    /** The pairs' ids, {@code [B]}. */
    public String[] ids() {
        return ids;
    }

    /**
     * A key per pair identifying its prompt by its token ids, {@code [B]}: pairs that share a prompt
     * share the key (spec §10 normalises the tilted weights over a prompt's responses).
     */
    public long[] promptKeys() {
        return promptKeys;
    }

    /**
     * A key per response identifying it by its prompt's and its own token ids, {@code [2B]} (a rows,
     * then b rows): the same answer to the same prompt has the same key wherever it occurs, so its
     * results can be pooled (spec §10's {@code p̄}).
     */
    public long[] responseKeys() {
        return responseKeys;
    }

    /** The pairs' positions in the stream they were tokenised from ({@link TokenizedPair#index()}), {@code [B]}. */
    public int[] indices() {
        return indices;
    }
}
