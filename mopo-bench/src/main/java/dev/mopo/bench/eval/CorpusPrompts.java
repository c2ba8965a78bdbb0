package dev.mopo.bench.eval;

import dev.mopo.datasets.batch.TrainEvalSplit;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The prompts of a preference corpus, read as training reads it (a preset and its options; rows
 * the preset rejects are skipped) and split as training splits it ({@link TrainEvalSplit} with the
 * run's {@code eval_fraction} and {@code seed}), so that {@code split: eval} gives the prompts of
 * the pairs a run held out. Each distinct prompt once (corpora repeat a prompt across pairs), in
 * file order; multi-turn prompts keep their turns.
 *
 * @param preset the corpus's preset name
 * @param path the corpus file or folder (made absolute)
 * @param options the preset's options
 * @param split which pairs' prompts
 * @param evalFraction training's {@code eval_fraction}
 * @param splitSeed training's {@code seed}, which decides the split
 */
public record CorpusPrompts(String preset, Path path, Map<String, String> options, PromptSplit split,
        double evalFraction, long splitSeed) implements PromptSource {

    /** Checks and copies the fields. */
    public CorpusPrompts {
        Objects.requireNonNull(preset, "dataset_preset");
        path = path.toAbsolutePath().normalize();
        options = Map.copyOf(options);
        Objects.requireNonNull(split, "split");
        new TrainEvalSplit(evalFraction, splitSeed);
    }

    /** The prompts of the pairs a training run of {@code config} holds out (its corpus, eval_fraction and seed). */
    public static CorpusPrompts heldOut(TrainConfig config) {
        return new CorpusPrompts(config.data().datasetPreset(), config.data().datasetPath(),
                config.data().datasetOptions(), PromptSplit.EVAL, config.data().evalFraction(), config.runtime().seed());
    }

    @Override
    public List<Prompt> read(int limit) throws IOException {
        Preset corpus = Presets.create(preset, options, path);
        TrainEvalSplit splitter = new TrainEvalSplit(evalFraction, splitSeed);
        Map<String, Prompt> prompts = new LinkedHashMap<>();
        try (PairReader pairs = PairReader.open(path, corpus, ReadOptions.lenient())) {
            while (pairs.hasNext() && (limit == 0 || prompts.size() < limit)) {
                PreferenceExample pair = pairs.next();
                boolean eval = splitter.isEval(pair);
                if (split == PromptSplit.ALL || eval == (split == PromptSplit.EVAL)) {
                    prompts.putIfAbsent(pair.prompt().text(), pair.prompt());
                }
            }
        }
        if (prompts.isEmpty()) {
            throw new IllegalArgumentException(path + ": no prompts in the " + split + " split (eval_fraction "
                    + evalFraction + ", seed " + splitSeed + ")");
        }
        return new ArrayList<>(prompts.values());
    }

    @Override
    public TemplateChoice textTemplate() {
        return Presets.create(preset, options, path).textTemplate();
    }

    @Override
    public String describe() {
        return "the " + split + " split of " + path + " (" + preset + (options.isEmpty() ? "" : " " + new TreeMap<>(options))
                + ", eval_fraction " + evalFraction + ", seed " + splitSeed + ")";
    }
}
