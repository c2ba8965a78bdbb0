package dev.mopo.datasets.example;

import dev.mopo.core.objective.Outcome;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One labelled pair {@code (x, y_a, y_b, o_1 … o_K)}: a prompt, two responses and, for each
 * objective of the corpus (in the order of its {@code ObjectiveSet}), which response it
 * prefers. Corpora that rate responses individually (UltraFeedback, HelpSteer2, score columns)
 * also keep the per-response scores the outcomes came from.
 *
 * <p>The {@link #id()} is a content hash of prompt and responses: the same pair gets the same
 * id whichever file format or row order it is read from, so splits and caches are stable.
 */
public final class PreferenceExample {

    private final String id;
    private final Prompt prompt;
    private final String responseA;
    private final String responseB;
    private final List<Outcome> outcomes;
    private final double[] scoresA;
    private final double[] scoresB;
    private final Path file;
    private final long[] sourceRows;

    private PreferenceExample(String id, Prompt prompt, String responseA, String responseB,
            List<Outcome> outcomes, double[] scoresA, double[] scoresB, Path file, long[] sourceRows) {
        this.id = id;
        this.prompt = prompt;
        this.responseA = responseA;
        this.responseB = responseB;
        this.outcomes = outcomes;
        this.scoresA = scoresA;
        this.scoresB = scoresB;
        this.file = file;
        this.sourceRows = sourceRows;
    }

    /**
     * A pair without per-response scores.
     *
     * @param file the file the pair was read from (for messages about it)
     * @param sourceRows the 0-based rows of the source the pair was built from
     */
    public static PreferenceExample of(Prompt prompt, String responseA, String responseB,
            List<Outcome> outcomes, Path file, long... sourceRows) {
        return withScores(prompt, responseA, responseB, outcomes, null, null, file, sourceRows);
    }

    /**
     * A pair with the per-objective scores of each response ({@code NaN} where a response has
     * no score for an objective); both score arrays have one entry per outcome.
     */
    public static PreferenceExample withScores(Prompt prompt, String responseA, String responseB,
            List<Outcome> outcomes, double[] scoresA, double[] scoresB, Path file, long... sourceRows) {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(file, "file");
        if (sourceRows.length == 0) {
            throw new IllegalArgumentException("a preference example needs the row it was read from");
        }
        Objects.requireNonNull(responseA, "responseA");
        Objects.requireNonNull(responseB, "responseB");
        List<Outcome> labels = List.copyOf(outcomes);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("a preference example needs at least one outcome");
        }
        if ((scoresA == null) != (scoresB == null)) {
            throw new IllegalArgumentException("give scores for both responses or for neither");
        }
        if (scoresA != null && (scoresA.length != labels.size() || scoresB.length != labels.size())) {
            throw new IllegalArgumentException("scores must have one entry per outcome (" + labels.size()
                    + "), got " + scoresA.length + " and " + scoresB.length);
        }
        String id = ExampleIds.of(prompt.text(), responseA, responseB);
        return new PreferenceExample(id, prompt, responseA, responseB, labels,
                scoresA == null ? null : scoresA.clone(), scoresB == null ? null : scoresB.clone(),
                file, sourceRows.clone());
    }

    /** A stable content id: 16 hex digits of SHA-256 over prompt text and both responses. */
    public String id() {
        return id;
    }

    /** The prompt. */
    public Prompt prompt() {
        return prompt;
    }

    /** The first response, {@code y_a}. */
    public String responseA() {
        return responseA;
    }

    /** The second response, {@code y_b}. */
    public String responseB() {
        return responseB;
    }

    /** One outcome per objective, primary first; {@code +1} prefers {@code y_a}. */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    /** The outcome of objective {@code k}. */
    public Outcome outcome(int k) {
        return outcomes.get(k);
    }

    /** K, the number of outcomes. */
    public int numObjectives() {
        return outcomes.size();
    }

    /** Scores of {@code y_a} per objective, when the corpus rates responses individually. */
    public Optional<double[]> scoresA() {
        return Optional.ofNullable(scoresA).map(double[]::clone);
    }

    /** Scores of {@code y_b} per objective, when the corpus rates responses individually. */
    public Optional<double[]> scoresB() {
        return Optional.ofNullable(scoresB).map(double[]::clone);
    }

    /** The file the pair was read from (for HelpSteer2, the file of its first row). */
    public Path file() {
        return file;
    }

    /** The 0-based source rows this pair was built from (two for HelpSteer2, else one). */
    public long[] sourceRows() {
        return sourceRows.clone();
    }

    @Override
    public String toString() {
        return "PreferenceExample{id=" + id + ", file=" + file + ", rows=" + Arrays.toString(sourceRows)
                + ", outcomes=" + outcomes + "}";
    }
}
