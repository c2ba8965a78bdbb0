package dev.mopo.bench.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.bench.train.TrainConfigs;
import dev.mopo.core.io.Folders;
import dev.mopo.djl.train.TrainConfig;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingListener;
import dev.mopo.djl.train.TrainingSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * mopo's main job end to end, with nothing downloaded: build a small Llama and a character
 * tokenizer, warm the model up on the task, label a preference corpus with programmatic
 * objectives ({@link ArithmeticTask}), train MOPO at two conciseness thresholds and a DPO
 * baseline on correctness, score every policy's generations with the same objectives, and write
 * a report.
 */
public final class Demo {

    /**
     * Smoothing of the win-rate estimates: a batch of 32 pairs leaves SNIS a handful of effective
     * samples, so the multiplier follows a long average rather than the trainer's default 0.9.
     */
    private static final double ESTIMATE_EMA = 0.98;

    private final DemoConfig config;
    private final Path out;
    private final Consumer<String> log;

    /** A demo of size {@code config} writing into {@code out}; {@code log} hears each phase. */
    public Demo(DemoConfig config, Path out, Consumer<String> log) {
        this.config = config;
        this.out = out;
        this.log = log;
    }

    /** Runs every phase and returns the report's path. */
    public Path run(TrainingListener progress) throws IOException {
        Files.createDirectories(out);
        Path initial = out.resolve("initial-model");
        Path reference = out.resolve("reference-model");
        Path corpus = out.resolve("data").resolve("pairs.jsonl");
        long started = System.nanoTime();

        log.accept("building a " + config.layers() + "-layer Llama (hidden " + config.hidden()
                + ") and a character tokenizer in " + initial);
        Files.createDirectories(initial);
        CharacterTokenizer.write(initial, ArithmeticTask.alphabet(), 64);
        TinyLlama.write(initial, new TinyLlama.Shape(CharacterTokenizer.vocabularySize(ArithmeticTask.alphabet()),
                config.hidden(), config.layers(), 4, 2, config.hidden() * 2, 96, true), config.seed());

        log.accept("supervised warm-up: " + config.warmupSteps() + " steps on answers drawn from the data distribution");
        int every = Math.max(1, config.warmupSteps() / 5);
        SupervisedWarmup.run(initial, reference, config.warmupSteps(), config.warmupBatch(), 3e-3, config.seed(),
                step -> {
                    if (step % every == 0) {
                        log.accept("  warm-up step " + step + " of " + config.warmupSteps());
                    }
                });

        log.accept("labelling " + config.pairs() + " pairs with the objectives 'correct' and 'concise'");
        Files.createDirectories(corpus.getParent());
        DemoData.write(corpus, config.pairs(), config.seed() + 1);

        List<DemoRun> runs = new ArrayList<>();
        runs.add(new DemoRun("reference", "reference", Double.NaN, reference, null, evaluate(reference),
                new double[] {0.5, 0.5}, Double.NaN));
        runs.add(train("dpo", "dpo", Double.NaN, reference, corpus, progress));
        for (double threshold : config.thresholds()) {
            runs.add(train("mopo-b" + threshold, "mopo", threshold, reference, corpus, progress));
        }
        Path report = new DemoReport(out, config).write(runs, (System.nanoTime() - started) / 1e9);
        log.accept("report written to " + report);
        return report;
    }

    private DemoRun train(String name, String loss, double threshold, Path reference, Path corpus,
            TrainingListener progress) throws IOException {
        Path output = out.resolve("runs").resolve(name);
        log.accept("training " + name + ": " + config.trainSteps() + " steps of " + config.batchSize() + " pairs");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", reference.toString());
        settings.put("dataset_preset", "generic");
        settings.put("dataset_path", corpus.toString());
        settings.put("dataset_options", Map.of("objectives", DemoData.presetOptions()));
        settings.put("chat_template", "plain");
        settings.put("loss", loss);
        settings.put("tau", config.tau());
        if (!Double.isNaN(threshold)) {
            settings.put("thresholds", Map.of(ArithmeticTask.CONCISE.name(), threshold));
        }
        settings.put("estimate_ema", ESTIMATE_EMA);
        settings.put("learning_rate", config.learningRate());
        settings.put("warmup_steps", Math.max(1, config.trainSteps() / 10));
        settings.put("batch_size", config.batchSize());
        settings.put("max_steps", config.trainSteps());
        settings.put("eval_fraction", 0.05);
        settings.put("max_length", 80);
        settings.put("max_prompt_length", 32);
        settings.put("seed", config.seed());
        settings.put("output", output.toString());
        settings.put("reference_cache", out.resolve("runs").resolve("reference-cache").toString());
        TrainConfig trainConfig = TrainConfigs.of(settings);
        Folders.deleteRecursively(output);
        Path checkpoint;
        try (Trainer trainer = TrainingSession.open(trainConfig, false, progress)) {
            checkpoint = trainer.fit();
        }
        return new DemoRun(name, loss, threshold, checkpoint, output, evaluate(checkpoint), estimated(output),
                finalLambda(output));
    }

    private PolicyEvaluation evaluate(Path checkpoint) throws IOException {
        return PolicyEvaluation.of(checkpoint, config.evalQuestions(), config.seed() + 2);
    }

    private static double finalLambda(Path output) throws IOException {
        JsonNode last = lastRecord(output, false, "lambda/" + ArithmeticTask.CONCISE.name());
        return last == null ? Double.NaN : last.get("lambda/" + ArithmeticTask.CONCISE.name()).asDouble();
    }

    /** The held-out SNIS win rates of the run's last evaluation. */
    private static double[] estimated(Path output) throws IOException {
        JsonNode last = lastRecord(output, true, "win_rate/" + ArithmeticTask.CORRECT.name());
        return new double[] {last.get("win_rate/" + ArithmeticTask.CORRECT.name()).asDouble(),
            last.get("win_rate/" + ArithmeticTask.CONCISE.name()).asDouble()};
    }

    /** The last training (or evaluation) record of a run that has {@code key}, or null. */
    private static JsonNode lastRecord(Path output, boolean evaluation, String key) throws IOException {
        JsonNode last = null;
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(output.resolve("metrics.jsonl"))) {
            JsonNode record = json.readTree(line);
            if (record.has("split") == evaluation && record.has(key)) {
                last = record;
            }
        }
        return last;
    }
}
