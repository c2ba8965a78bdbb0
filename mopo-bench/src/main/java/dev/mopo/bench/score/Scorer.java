package dev.mopo.bench.score;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Scores responses under one or more named objectives; a higher score is better, and a policy's
 * win rate on an objective counts how often its response scores above the reference's. Scorers
 * hold resources (a reward model's weights, a process): close them. Not thread-safe.
 *
 * <p>Kinds: a reward model ({@link RewardModelScorer}), a Java objective found on the class path
 * ({@link ScorerProvider}, or {@link #of} for code of your own), and an external command speaking
 * JSON lines ({@link CommandScorer}). {@link ScorerSpec} describes one to open.
 */
public interface Scorer extends AutoCloseable {

    /**
     * The scores of {@code requests}: objective name → one finite score per request, in request
     * order; every request is scored under the same objectives, in the same order each call.
     *
     * @throws ScorerException when the scorer fails on a request (naming the scorer and the request)
     * @throws IOException when talking to the scorer fails otherwise
     */
    Map<String, double[]> score(List<ScoreRequest> requests) throws IOException;

    /** Frees what the scorer holds. */
    @Override
    void close() throws IOException;

    /**
     * A scorer of one objective computed in Java, request by request, holding nothing: for
     * programmatic objectives such as the demo's correctness and conciseness.
     *
     * @param objective the objective's name
     * @param score the score of one request (higher is better; must be finite); an
     *     {@link IllegalArgumentException} it throws stops the evaluation with the request named
     */
    static Scorer of(String objective, ToDoubleFunction<ScoreRequest> score) {
        return new Scorer() {
            @Override
            public Map<String, double[]> score(List<ScoreRequest> requests) throws ScorerException {
                double[] values = new double[requests.size()];
                for (int i = 0; i < values.length; i++) {
                    try {
                        values[i] = score.applyAsDouble(requests.get(i));
                    } catch (IllegalArgumentException e) {
                        throw new ScorerException("objective '" + objective + "' cannot score "
                                + requests.get(i).describe() + ": " + e.getMessage());
                    }
                    if (!Double.isFinite(values[i])) {
                        throw new ScorerException("objective '" + objective + "' scored " + values[i] + " for "
                                + requests.get(i).describe() + "; scores must be finite");
                    }
                }
                Map<String, double[]> scores = new LinkedHashMap<>();
                scores.put(objective, values);
                return scores;
            }

            @Override
            public void close() {}
        };
    }
}
