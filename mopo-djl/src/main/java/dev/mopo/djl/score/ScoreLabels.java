package dev.mopo.djl.score;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The names of a reward model's outputs (its logits' columns), index {@code i} named
 * {@code names.get(i)}: {@code id2label} of a transformers config, else transformers' defaults
 * {@code LABEL_0 … LABEL_{n-1}}.
 *
 * @param names one per output, in column order
 */
public record ScoreLabels(List<String> names) {

    /** Copies the names; there must be at least one. */
    public ScoreLabels {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a reward model needs at least one label");
        }
        names = List.copyOf(names);
    }

    /** transformers' default names for {@code count} labels: {@code LABEL_0 … LABEL_{count-1}}. */
    public static ScoreLabels defaults(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("LABEL_" + i);
        }
        return new ScoreLabels(names);
    }

    /** The number of outputs. */
    public int count() {
        return names.size();
    }

    /**
     * The column a user names: a label name ({@code harmless}), else a 0-based index ({@code 1}).
     *
     * @throws IllegalArgumentException naming the labels when {@code label} is neither
     */
    public int index(String label) {
        int byName = names.indexOf(label);
        if (byName >= 0) {
            return byName;
        }
        try {
            int index = Integer.parseInt(label.trim());
            if (index >= 0 && index < names.size()) {
                return index;
            }
        } catch (NumberFormatException e) {
            // not an index either: reported below
        }
        throw new IllegalArgumentException("label '" + label + "' is neither a label of this model nor an index"
                + " below " + names.size() + " (labels: " + describe() + ")");
    }

    /** The labels as {@code 0 harmful, 1 harmless}. */
    public String describe() {
        StringJoiner joined = new StringJoiner(", ");
        for (int i = 0; i < names.size(); i++) {
            joined.add(i + " " + names.get(i));
        }
        return joined.toString();
    }
}
