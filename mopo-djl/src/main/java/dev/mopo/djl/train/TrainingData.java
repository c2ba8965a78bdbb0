package dev.mopo.djl.train;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.PairTokenizer;
import dev.mopo.datasets.batch.TokenizedPair;
import dev.mopo.datasets.batch.TrainEvalSplit;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.read.ReadStats;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tokenised pairs a run trains and evaluates on, with the objectives in the order the run
 * uses them. {@code outcomeColumns[k]} is the dataset's column holding objective k's outcome.
 *
 * @param objectives the run's objectives, primary first
 * @param outcomeColumns for each run objective, its column in the pairs' outcomes
 * @param train the training pairs, in file order
 * @param eval the held-out pairs
 * @param stats what the reader kept and rejected
 */
public record TrainingData(ObjectiveSet objectives, int[] outcomeColumns, List<TokenizedPair> train,
        List<TokenizedPair> eval, ReadStats stats) {

    /** Reads, splits and tokenises the dataset a config names. */
    public static TrainingData load(TrainConfig config, HfTokenizer tokenizer, BatchConfig batching)
            throws IOException {
        Preset preset = Presets.create(config.datasetPreset, config.datasetOptions, config.datasetPath);
        ObjectiveSet available = preset.objectives();
        ObjectiveSet objectives = config.objectives.isEmpty() ? available : ObjectiveSet.of(config.objectives);
        int[] columns = new int[objectives.size()];
        for (int k = 0; k < columns.length; k++) {
            if (!available.names().contains(objectives.name(k))) {
                throw new IllegalArgumentException("objectives names '" + objectives.name(k) + "', which the "
                        + preset.name() + " dataset does not have; its objectives are " + available);
            }
            columns[k] = available.indexOf(objectives.name(k));
        }
        ChatTemplate template = ChatTemplates.named(config.chatTemplate, config.model);
        PairTokenizer pairs = new PairTokenizer(template, tokenizer.encoder(), batching);
        TrainEvalSplit split = new TrainEvalSplit(config.evalFraction, config.seed);
        List<PreferenceExample> train = new ArrayList<>();
        List<PreferenceExample> eval = new ArrayList<>();
        ReadStats stats;
        try (PairReader reader = PairReader.open(config.datasetPath, preset, ReadOptions.lenient())) {
            while (reader.hasNext()) {
                PreferenceExample example = reader.next();
                (split.isEval(example) ? eval : train).add(example);
            }
            stats = reader.stats();
        }
        return new TrainingData(objectives, columns, pairs.tokenizeAll(train), pairs.tokenizeAll(eval), stats);
    }

    /** Data built in memory, with the objectives in the pairs' own order. */
    public static TrainingData of(ObjectiveSet objectives, List<TokenizedPair> train, List<TokenizedPair> eval) {
        int[] columns = new int[objectives.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = k;
        }
        return new TrainingData(objectives, columns, List.copyOf(train), List.copyOf(eval), null);
    }
}
