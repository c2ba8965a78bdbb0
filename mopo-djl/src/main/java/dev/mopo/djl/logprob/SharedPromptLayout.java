package dev.mopo.djl.logprob;

import dev.mopo.datasets.batch.TokenBatch;
import java.util.Arrays;

/**
 * A batch of pairs as one row per pair, {@code [prompt | response a | response b | padding]}
 * ({@link dev.mopo.djl.model.SharedPrefixRows}: segments 0, 1, 2 and −1; both responses'
 * positions continue from the prompt's), and where each response token's log-prob is read: the
 * row position whose logits predict it (the token before it in its own sequence, so the last
 * prompt token for a response's first token) and the token itself. Built from the
 * {@link TokenBatch}'s padded {@code [2B, L]} rows (either padding side); Java arrays only.
 */
final class SharedPromptLayout {

    private final int pairs;
    private final int length;
    private final int longestResponse;
    private final long[] ids;
    private final long[] positions;
    private final long[] segments;
    private final long[] predictors;
    private final long[] targets;
    private final long[] slots;
    private final float[] counts;

    private SharedPromptLayout(int pairs, int length, int longestResponse, long[] ids, long[] positions,
            long[] segments, long[] predictors, long[] targets, long[] slots, float[] counts) {
        this.pairs = pairs;
        this.length = length;
        this.longestResponse = longestResponse;
        this.ids = ids;
        this.positions = positions;
        this.segments = segments;
        this.predictors = predictors;
        this.targets = targets;
        this.slots = slots;
        this.counts = counts;
    }

    /**
     * The layout of {@code batch}. A response token is scored when some token precedes it (a
     * response after an empty prompt loses its first token, as position 0 of a row does).
     *
     * @throws IllegalArgumentException when a pair's two rows hold different prompts
     */
    static SharedPromptLayout of(TokenBatch batch) {
        int b = batch.size();
        int[][] prompts = new int[b][];
        int[][] responses = new int[2 * b][];
        int length = 0;
        int longest = 0;
        int scored = 0;
        for (int i = 0; i < b; i++) {
            prompts[i] = part(batch, i, 0);
            int[] promptB = part(batch, b + i, 0);
            if (!Arrays.equals(prompts[i], promptB)) {
                throw new IllegalArgumentException("pair " + batch.ids()[i] + ": its two rows hold different prompts");
            }
            responses[i] = part(batch, i, 1);
            responses[b + i] = part(batch, b + i, 1);
            length = Math.max(length, prompts[i].length + responses[i].length + responses[b + i].length);
            for (int side : new int[] {i, b + i}) {
                int count = scoredTokens(prompts[i].length, responses[side].length);
                longest = Math.max(longest, count);
                scored += count;
            }
        }
        long[] ids = new long[b * length];
        long[] positions = new long[b * length];
        long[] segments = new long[b * length];
        Arrays.fill(segments, -1);
        long[] predictors = new long[scored];
        long[] targets = new long[scored];
        long[] slots = new long[2 * b * longest];
        Arrays.fill(slots, scored);
        float[] counts = new float[2 * b];
        int next = 0;
        for (int i = 0; i < b; i++) {
            int rowStart = i * length;
            int promptLength = prompts[i].length;
            int column = place(prompts[i], 0, 0, rowStart, 0, ids, positions, segments);
            for (int side = 0; side < 2; side++) {
                int sequence = side * b + i;
                int[] response = responses[sequence];
                int start = column;
                column = place(response, promptLength, side + 1, rowStart, column, ids, positions, segments);
                int slot = 0;
                for (int k = 0; k < response.length; k++) {
                    int predictor = k == 0 ? promptLength - 1 : start + k - 1;
                    if (predictor < 0) {
                        continue;
                    }
                    predictors[next] = rowStart + predictor;
                    targets[next] = response[k];
                    slots[sequence * longest + slot++] = next++;
                }
                counts[sequence] = slot;
            }
        }
        return new SharedPromptLayout(b, length, longest, ids, positions, segments, predictors, targets, slots, counts);
    }

    /** The prompt ({@code response = 0}) or response ({@code 1}) tokens of row {@code row}. */
    private static int[] part(TokenBatch batch, int row, int response) {
        int l = batch.length();
        int[] ids = batch.inputIds();
        int[] attention = batch.attentionMask();
        int[] responseMask = batch.responseMask();
        int[] out = new int[l];
        int n = 0;
        for (int t = row * l; t < (row + 1) * l; t++) {
            if (attention[t] == 1 && responseMask[t] == response) {
                out[n++] = ids[t];
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int scoredTokens(int promptLength, int responseLength) {
        return promptLength == 0 ? Math.max(0, responseLength - 1) : responseLength;
    }

    /** Writes {@code tokens} into a row from {@code column}, positions from {@code firstPosition}; returns the next column. */
    private static int place(int[] tokens, int firstPosition, int segment, int rowStart, int column, long[] ids,
            long[] positions, long[] segments) {
        for (int k = 0; k < tokens.length; k++) {
            ids[rowStart + column + k] = tokens[k];
            positions[rowStart + column + k] = firstPosition + k;
            segments[rowStart + column + k] = segment;
        }
        return column + tokens.length;
    }

    /** B, the pairs (and rows). */
    int pairs() {
        return pairs;
    }

    /** T, the row length: the longest prompt + response a + response b of the batch. */
    int length() {
        return length;
    }

    /** Row-major ids {@code [B, T]}, 0 on padding. */
    long[] ids() {
        return ids;
    }

    /** Position ids {@code [B, T]}. */
    long[] positions() {
        return positions;
    }

    /** Segment ids {@code [B, T]}: 0 prompt, 1 response a, 2 response b, −1 padding. */
    long[] segments() {
        return segments;
    }

    /** N, the response tokens scored. */
    int scored() {
        return targets.length;
    }

    /** For each scored token, the flat index into {@code [B·T]} of the position whose logits predict it, {@code [N]}. */
    long[] predictors() {
        return predictors;
    }

    /** The scored tokens' ids, {@code [N]}. */
    long[] targets() {
        return targets;
    }

    /** R, the most tokens scored in one response. */
    int longestResponse() {
        return longestResponse;
    }

    /**
     * {@code [2B, R]}: row {@code s} lists the indices (into the N scored tokens) of sequence
     * {@code s}'s tokens — rows {@code 0…B−1} the a responses, {@code B…2B−1} the b responses —
     * then {@code N} (an appended zero) for the rest.
     */
    long[] slots() {
        return slots;
    }

    /** Scored tokens per sequence, {@code [2B]}. */
    float[] counts() {
        return counts;
    }
}
