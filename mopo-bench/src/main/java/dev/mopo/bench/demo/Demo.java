package dev.mopo.bench.demo;

import dev.mopo.bench.toy.CharacterTokenizer;
import dev.mopo.bench.toy.TinyLlama;
import dev.mopo.core.io.Folders;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.DualRecord;
import dev.mopo.djl.train.EvalRecord;
import dev.mopo.djl.train.StepRecord;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingListener;
import dev.mopo.djl.train.TrainingSession;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        runs.add(train("dpo", LossKind.DPO, Double.NaN, reference, corpus, progress));
        for (double threshold : config.thresholds()) {
            runs.add(train("mopo-b" + threshold, LossKind.MOPO, threshold, reference, corpus, progress));
        }
        Path report = new DemoReport(out, config).write(runs, (System.nanoTime() - started) / 1e9);
        log.accept("report written to " + report);
        return report;
    }

    private DemoRun train(String name, LossKind loss, double threshold, Path reference, Path corpus,
            TrainingListener progress) throws IOException {
        Path output = out.resolve("runs").resolve(name);
        log.accept("training " + name + ": " + config.trainSteps() + " steps of " + config.batchSize() + " pairs");
        TrainConfig.Builder settings = TrainConfig.builder()
                .model(reference)
                .datasetPreset("generic")
                .datasetPath(corpus)
                .datasetOptions(Map.of("objectives", DemoData.presetOptions()))
                .chatTemplate(TemplateChoice.NONE)
                .loss(loss)
                .tau(config.tau())
                .estimateEma(ESTIMATE_EMA)
                .learningRate(config.learningRate())
                .warmupSteps(Math.max(1, config.trainSteps() / 10))
                .batchSize(config.batchSize())
                .maxSteps(config.trainSteps())
                .evalFraction(0.05)
                .maxLength(80)
                .maxPromptLength(32)
                .seed(config.seed())
                .output(output)
                .referenceCache(out.resolve("runs").resolve("reference-cache"));
        if (!Double.isNaN(threshold)) {
            settings.thresholds(Map.of(ArithmeticTask.CONCISE.name(), threshold));
        }
        Folders.deleteRecursively(output);
        LastRecords last = new LastRecords();
        Path checkpoint;
        try (Trainer trainer = TrainingSession.open(settings.build(), false, TrainingListener.both(progress, last))) {
            checkpoint = trainer.fit();
        }
        double finalLambda = last.dual == null ? Double.NaN : last.dual.lambda(ArithmeticTask.CONCISE.name());
        double[] estimated = {last.evaluation.winRates().get(ArithmeticTask.CORRECT.name()),
            last.evaluation.winRates().get(ArithmeticTask.CONCISE.name())};
        return new DemoRun(name, loss.key(), threshold, checkpoint, output, evaluate(checkpoint), estimated, finalLambda);
    }

    /** The run's last multiplier update and evaluation. */
    private static final class LastRecords implements TrainingListener {
        private DualRecord dual;
        private EvalRecord evaluation;

        @Override
        public void onStep(StepRecord record) {
            if (record.dual() != null) {
                dual = record.dual();
            }
        }

        @Override
        public void onEvaluation(EvalRecord record) {
            evaluation = record;
        }
    }

    private PolicyEvaluation evaluate(Path checkpoint) throws IOException {
        return PolicyEvaluation.of(checkpoint, config.evalQuestions(), config.seed() + 2);
    }
}
