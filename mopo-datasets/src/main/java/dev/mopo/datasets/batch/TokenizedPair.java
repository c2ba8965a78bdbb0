package dev.mopo.datasets.batch;

/**
 * One pair as token ids, already truncated: the prompt, each response (with its EOS when the
 * configuration adds one), the K outcomes as signs, and the pair's position in the stream it was
 * tokenised from (so that values computed once per pair, such as reference log-probs, can be
 * looked up again after shuffling).
 */
public final class TokenizedPair {

    private final String id;
    private final int index;
    private final int[] prompt;
    private final int[] responseA;
    private final int[] responseB;
    private final int[] outcomes;
    private final double[] scoresA;
    private final double[] scoresB;

    TokenizedPair(String id, int index, int[] prompt, int[] responseA, int[] responseB, int[] outcomes,
            double[] scoresA, double[] scoresB) {
        this.id = id;
        this.index = index;
        this.prompt = prompt;
        this.responseA = responseA;
        this.responseB = responseB;
        this.outcomes = outcomes;
        this.scoresA = scoresA;
        this.scoresB = scoresB;
    }

    /** The pair's stable id. */
    public String id() {
        return id;
    }

    /** The pair's position, from 0, in the stream of pairs it was tokenised from. */
    public int index() {
        return index;
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
