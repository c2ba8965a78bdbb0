package dev.mopo.datasets.preset;

import dev.mopo.core.objective.ObjectiveSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Presets by name with {@code key=value} options, as the command line gives them.
 *
 * <table>
 *   <caption>Presets and their options</caption>
 *   <tr><th>name</th><th>options</th></tr>
 *   <tr><td>{@code pku-safe-rlhf}</td><td>none</td></tr>
 *   <tr><td>{@code hh-rlhf}</td><td>{@code subset} (default: read from the path, e.g. {@code harmless-base/…})</td></tr>
 *   <tr><td>{@code ultrafeedback}</td><td>{@code strategy} ({@code best-vs-worst}, {@code all-pairs},
 *       {@code random}; default best-vs-worst), {@code rank_by} (default helpfulness), {@code seed} (default 0)</td></tr>
 *   <tr><td>{@code helpsteer2}</td><td>none</td></tr>
 *   <tr><td>{@code generic}</td><td>{@code objectives} (comma-separated, primary first; required),
 *       {@code mode} ({@code labels} or {@code scores}; default labels), {@code prompt}, {@code response_a},
 *       {@code response_b}, {@code label_column}, {@code score_a_column}, {@code score_b_column}</td></tr>
 * </table>
 */
public final class Presets {

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            PkuSafeRlhfPreset.NAME, Set.of(),
            HhRlhfPreset.NAME, Set.of("subset"),
            UltraFeedbackPreset.NAME, Set.of("strategy", "rank_by", "seed"),
            HelpSteer2Preset.NAME, Set.of(),
            GenericPreset.NAME, Set.of("objectives", "mode", "prompt", "response_a", "response_b",
                    "label_column", "score_a_column", "score_b_column"));

    private Presets() {}

    /** The preset names, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(OPTIONS.keySet());
    }

    /**
     * The preset {@code name} with {@code options}; {@code path} is the data it will read (used
     * only to infer the hh-rlhf subset). Unknown names and options are errors that list the
     * known ones.
     */
    public static Preset create(String name, Map<String, String> options, Path path) {
        Set<String> known = OPTIONS.get(name);
        if (known == null) {
            throw new IllegalArgumentException("unknown preset '" + name + "'; the presets are " + names());
        }
        for (String option : options.keySet()) {
            if (!known.contains(option)) {
                throw new IllegalArgumentException("preset " + name + " has no option '" + option + "'; "
                        + (known.isEmpty() ? "it takes none" : "its options are " + new TreeSet<>(known)));
            }
        }
        switch (name) {
            case PkuSafeRlhfPreset.NAME:
                return new PkuSafeRlhfPreset();
            case HhRlhfPreset.NAME:
                return new HhRlhfPreset(options.containsKey("subset") ? options.get("subset")
                        : HhRlhfPreset.subsetOf(path).orElseThrow(() -> new IllegalArgumentException(
                                "hh-rlhf needs the subset (helpful-base, helpful-online, helpful-rejection-sampled "
                                        + "or harmless-base): none is named in " + path
                                        + "; give it as the option subset=NAME")));
            case UltraFeedbackPreset.NAME:
                return new UltraFeedbackPreset(
                        UltraFeedbackPreset.Strategy.parse(options.getOrDefault("strategy", "best-vs-worst")),
                        options.getOrDefault("rank_by", "helpfulness"),
                        parseLong("seed", options.getOrDefault("seed", "0")));
            case HelpSteer2Preset.NAME:
                return new HelpSteer2Preset();
            case GenericPreset.NAME:
                return new GenericPreset(mapping(options));
            default:
                throw new AssertionError(name);
        }
    }

    /** {@link #create(String, Map, Path)} with options given as {@code key=value} strings. */
    public static Preset create(String name, List<String> keyValues, Path path) {
        Map<String, String> options = new HashMap<>();
        for (String keyValue : keyValues) {
            int eq = keyValue.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("a preset option must look like key=value, got '" + keyValue + "'");
            }
            options.put(keyValue.substring(0, eq).trim(), keyValue.substring(eq + 1).trim());
        }
        return create(name, options, path);
    }

    private static ColumnMapping mapping(Map<String, String> options) {
        String names = options.get("objectives");
        if (names == null) {
            throw new IllegalArgumentException("generic needs objectives=NAME[,NAME…] (primary first)");
        }
        List<String> objectives = new ArrayList<>();
        for (String objective : names.split(",")) {
            objectives.add(objective.trim());
        }
        ColumnMapping.Builder builder = ColumnMapping.builder(ObjectiveSet.of(objectives),
                ColumnMapping.Mode.parse(options.getOrDefault("mode", "labels")));
        if (options.containsKey("prompt")) {
            builder.prompt(options.get("prompt"));
        }
        if (options.containsKey("response_a")) {
            builder.responseA(options.get("response_a"));
        }
        if (options.containsKey("response_b")) {
            builder.responseB(options.get("response_b"));
        }
        if (options.containsKey("label_column")) {
            builder.labelColumn(options.get("label_column"));
        }
        if (options.containsKey("score_a_column")) {
            builder.scoreColumnA(options.get("score_a_column"));
        }
        if (options.containsKey("score_b_column")) {
            builder.scoreColumnB(options.get("score_b_column"));
        }
        return builder.build();
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + " must be an integer, got '" + value + "'", e);
        }
    }
}
