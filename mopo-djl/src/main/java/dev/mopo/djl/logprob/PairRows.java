package dev.mopo.djl.logprob;

import dev.mopo.datasets.batch.TokenBatch;
import java.util.Arrays;

/**
 * A batch of pairs laid out for scoring, and where each response token's log-prob is read: the
 * row position whose logits predict it (the token before it in its own sequence, so the last
 * prompt token for a response's first token) and the token itself. Shared, a row per pair,
 * {@code [prompt | response a | response b | padding]} ({@link dev.mopo.djl.model.SharedPrefixRows}:
 * segments 0, 1, 2 and −1; both responses' positions continue from the prompt's); separate, a
 * row per response, {@code [prompt | response | padding]}, as TRL's right-padded batch. Built from the
 * {@link TokenBatch}'s padded {@code [2B, L]} rows (either padding side); Java arrays only.
 */
final class PairRows {

    private final int rows;
    private final int length;
    private final int longestResponse;
    private final long[] ids;
    private final long[] positions;
    private final long[] segments;
    private final long[] predictors;
    private final long[] targets;
    private final long[] slots;
    private final float[] counts;

    private PairRows(int rows, int length, int longestResponse, long[] ids, long[] positions,
            long[] segments, long[] predictors, long[] targets, long[] slots, float[] counts) {
        this.rows = rows;
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
     * The rows of {@code batch}, one per pair when {@code share}, else one per response. A response
     * token is scored when some token precedes it (a response after an empty prompt loses its
     * first token, as position 0 of a row does).
     *
     * @throws IllegalArgumentException when a pair's two rows hold different prompts
     */
    static PairRows of(TokenBatch batch, boolean share) {
        int b = batch.size();
        int[][] prompts = new int[b][];
        int[][] responses = new int[2 * b][];
        int longest = 0;
        int scored = 0;
        for (int i = 0; i < b; i++) {
            prompts[i] = part(batch, i, 0);
            if (!Arrays.equals(prompts[i], part(batch, b + i, 0))) {
                throw new IllegalArgumentException("pair " + batch.ids()[i] + ": its two rows hold different prompts");
            }
            for (int sequence : new int[] {i, b + i}) {
                responses[sequence] = part(batch, sequence, 1);
                int count = scoredTokens(prompts[i].length, responses[sequence].length);
                longest = Math.max(longest, count);
                scored += count;
            }
        }
        int rows = share ? b : 2 * b;
        int[][] sequencesOfRow = new int[rows][];
        int length = 0;
        for (int r = 0; r < rows; r++) {
            sequencesOfRow[r] = share ? new int[] {r, b + r} : new int[] {r};
            int used = prompts[r % b].length;
            for (int sequence : sequencesOfRow[r]) {
                used += responses[sequence].length;
            }
            length = Math.max(length, used);
        }
        long[] ids = new long[rows * length];
        long[] positions = new long[rows * length];
        long[] segments = new long[rows * length];
        Arrays.fill(segments, -1);
        long[] predictors = new long[scored];
        long[] targets = new long[scored];
        long[] slots = new long[2 * b * longest];
        Arrays.fill(slots, scored);
        float[] counts = new float[2 * b];
        int next = 0;
        for (int r = 0; r < rows; r++) {
            int rowStart = r * length;
            int[] prompt = prompts[r % b];
            int column = place(prompt, 0, 0, rowStart, 0, ids, positions, segments);
            int segment = 1;
            for (int sequence : sequencesOfRow[r]) {
                int[] response = responses[sequence];
                int start = column;
                column = place(response, prompt.length, segment++, rowStart, column, ids, positions, segments);
                int slot = 0;
                for (int k = 0; k < response.length; k++) {
                    int predictor = k == 0 ? prompt.length - 1 : start + k - 1;
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
        return new PairRows(rows, length, longest, ids, positions, segments, predictors, targets, slots, counts);
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

    /** The rows: B shared, 2B separate. */
    int rows() {
        return rows;
    }

    /** T, the row length: the longest prompt with its responses in one row. */
    int length() {
        return length;
    }

    /** Row-major ids {@code [rows, T]}, 0 on padding. */
    long[] ids() {
        return ids;
    }

    /** Position ids {@code [rows, T]}. */
    long[] positions() {
        return positions;
    }

    /** Segment ids {@code [rows, T]}: 0 prompt, 1 the (first) response, 2 the second, −1 padding. */
    long[] segments() {
        return segments;
    }

    /** N, the response tokens scored. */
    int scored() {
        return targets.length;
    }

    /** For each scored token, the flat index into {@code [rows·T]} of the position whose logits predict it, {@code [N]}. */
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
