package dev.mopo.datasets.preset;

import dev.mopo.core.objective.ObjectiveSet;
import java.util.Locale;
import java.util.Objects;

/**
 * Which columns of a one-pair-per-row corpus hold what, for {@link GenericPreset}. Label and
 * score column names are patterns in which {@code {objective}} stands for the objective's name;
 * the defaults are {@code prompt}, {@code response_a}, {@code response_b}, {@code {objective}}
 * for labels and {@code score_a_{objective}} / {@code score_b_{objective}} for scores.
 */
public final class ColumnMapping {

    /** Whether each objective comes as one label column or as one score column per response. */
    public enum Mode {
        /** One integer column per objective with values in {-1, 0, +1}. */
        LABELS,
        /** Two number columns per objective, one score per response. */
        SCORES;

        /** The mode for a command-line name: {@code labels} or {@code scores}. */
        public static Mode parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("generic mode must be labels or scores, got '" + name + "'", e);
            }
        }
    }

    private static final String PLACEHOLDER = "{objective}";

    private final ObjectiveSet objectives;
    private final Mode mode;
    private final String prompt;
    private final String responseA;
    private final String responseB;
    private final String labelPattern;
    private final String scoreAPattern;
    private final String scoreBPattern;

    private ColumnMapping(Builder builder) {
        this.objectives = Objects.requireNonNull(builder.objectives, "objectives are required");
        this.mode = builder.mode;
        this.prompt = builder.prompt;
        this.responseA = builder.responseA;
        this.responseB = builder.responseB;
        this.labelPattern = builder.labelPattern;
        this.scoreAPattern = builder.scoreAPattern;
        this.scoreBPattern = builder.scoreBPattern;
        if (mode == Mode.LABELS) {
            requirePlaceholder("label column", labelPattern);
        } else {
            requirePlaceholder("score_a column", scoreAPattern);
            requirePlaceholder("score_b column", scoreBPattern);
        }
    }

    /** A builder for the given objectives (primary first) and mode. */
    public static Builder builder(ObjectiveSet objectives, Mode mode) {
        return new Builder(objectives, mode);
    }

    /** The objectives, primary first. */
    public ObjectiveSet objectives() {
        return objectives;
    }

    /** Labels or scores. */
    public Mode mode() {
        return mode;
    }

    /** The prompt column. */
    public String prompt() {
        return prompt;
    }

    /** The column of response a. */
    public String responseA() {
        return responseA;
    }

    /** The column of response b. */
    public String responseB() {
        return responseB;
    }

    /** The label column of an objective. */
    public String labelColumn(String objective) {
        return labelPattern.replace(PLACEHOLDER, objective);
    }

    /** The column of response a's score on an objective. */
    public String scoreColumnA(String objective) {
        return scoreAPattern.replace(PLACEHOLDER, objective);
    }

    /** The column of response b's score on an objective. */
    public String scoreColumnB(String objective) {
        return scoreBPattern.replace(PLACEHOLDER, objective);
    }

    private void requirePlaceholder(String what, String pattern) {
        if (objectives.size() > 1 && !pattern.contains(PLACEHOLDER)) {
            throw new IllegalArgumentException("the " + what + " pattern '" + pattern + "' must contain "
                    + PLACEHOLDER + " when there are several objectives " + objectives);
        }
    }

    /** Builds a {@link ColumnMapping}; every column has a default. */
    public static final class Builder {
        private final ObjectiveSet objectives;
        private final Mode mode;
        private String prompt = "prompt";
        private String responseA = "response_a";
        private String responseB = "response_b";
        private String labelPattern = PLACEHOLDER;
        private String scoreAPattern = "score_a_" + PLACEHOLDER;
        private String scoreBPattern = "score_b_" + PLACEHOLDER;

        private Builder(ObjectiveSet objectives, Mode mode) {
            this.objectives = objectives;
            this.mode = Objects.requireNonNull(mode, "mode");
        }

        /** The prompt column (default {@code prompt}). */
        public Builder prompt(String column) {
            this.prompt = nonBlank("prompt", column);
            return this;
        }

        /** The column of response a (default {@code response_a}). */
        public Builder responseA(String column) {
            this.responseA = nonBlank("response_a", column);
            return this;
        }

        /** The column of response b (default {@code response_b}). */
        public Builder responseB(String column) {
            this.responseB = nonBlank("response_b", column);
            return this;
        }

        /** The label column pattern (default {@code {objective}}). */
        public Builder labelColumn(String pattern) {
            this.labelPattern = nonBlank("label_column", pattern);
            return this;
        }

        /** The pattern of response a's score columns (default {@code score_a_{objective}}). */
        public Builder scoreColumnA(String pattern) {
            this.scoreAPattern = nonBlank("score_a_column", pattern);
            return this;
        }

        /** The pattern of response b's score columns (default {@code score_b_{objective}}). */
        public Builder scoreColumnB(String pattern) {
            this.scoreBPattern = nonBlank("score_b_column", pattern);
            return this;
        }

        /** The mapping. */
        public ColumnMapping build() {
            return new ColumnMapping(this);
        }

        private static String nonBlank(String option, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("generic option '" + option + "' must name a column, got '"
                        + value + "'");
            }
            return value;
        }
    }
}
