package dev.mopo.bench.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.bench.eval.EvalSettings;
import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.PromptFile;
import dev.mopo.bench.eval.Sampling;
import dev.mopo.bench.score.ConciseScorerProvider;
import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.bench.sweep.LocalExecutor;
import dev.mopo.bench.sweep.Sweep;
import dev.mopo.bench.sweep.SweepListener;
import dev.mopo.bench.sweep.SweepMethod;
import dev.mopo.bench.sweep.SweepTaskRunner;
import dev.mopo.bench.toy.CharacterTokenizer;
import dev.mopo.bench.toy.TinyLlama;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.LongStream;

/**
 * mopo's main job end to end, with nothing downloaded: build a small Llama and a character
 * tokenizer, warm the model up on the task, label a preference corpus with programmatic
 * objectives ({@link ArithmeticTask}), then run a {@link Sweep} — MOPO at several conciseness
 * thresholds, DPO on correctness and the scalarised baseline {@code dpo-ls} at several weights,
 * each at every seed — whose evaluation samples answers to held-out questions, scores them with
 * the same objectives as Java scorers ({@code arithmetic-correct}, {@code concise}) and writes the
 * HTML report; last, {@link DemoFront} averages the seeds and checks MOPO against the baselines.
 * Running it again over the same folder skips what is finished.
 */
public final class Demo {

    private final DemoConfig config;
    private final Path out;
    private final Consumer<String> log;

    /** A demo of size {@code config} writing into {@code out}; {@code log} hears each phase. */
    public Demo(DemoConfig config, Path out, Consumer<String> log) {
        this.config = config;
        this.out = out.toAbsolutePath().normalize();
        this.log = log;
    }

    /**
     * Runs every phase and returns the demo's summary ({@code demo.md}); the sweep reports its
     * tasks, training and evaluation to {@code listener}.
     */
    public Path run(SweepListener listener) throws IOException {
        Files.createDirectories(out);
        Path reference = out.resolve("reference-model");
        Path corpus = out.resolve("data").resolve("pairs.jsonl");
        Path prompts = out.resolve("data").resolve("prompts.jsonl");
        long started = System.nanoTime();
        if (!Files.isRegularFile(reference.resolve("model.safetensors"))) {
            warmUp(reference);
        }
        log.accept("labelling " + config.pairs() + " pairs with the objectives 'correct' and 'concise'");
        DemoData.write(corpus, config.pairs(), config.seed() + 1);
        writePrompts(prompts);

        Sweep sweep = new Sweep(base(reference, corpus), methods(),
                LongStream.range(0, config.seeds()).map(i -> config.seed() + i).boxed().toList(), out,
                evaluation(prompts), 1);
        log.accept("sweep: " + sweep.runs().size() + " runs of " + config.trainSteps() + " steps of "
                + config.batchSize() + " pairs, then " + config.prompts() + " questions x " + config.samples()
                + " answers per policy");
        AtomicReference<EvalSummary> summary = new AtomicReference<>();
        new LocalExecutor().execute(sweep, new SweepTaskRunner(sweep, new SummaryListener(listener, summary::set)));

        DemoFront front = DemoFront.of(summary.get(), sweep.runs(), ArithmeticTask.CORRECT.name(),
                ArithmeticTask.CONCISE.name());
        Path report = out.resolve("demo.md");
        AtomicFiles.writeString(report, front.markdown(config, (System.nanoTime() - started) / 1e9));
        log.accept("summary written to " + report + "; plots and samples in " + out.resolve("report.html"));
        return report;
    }

    private void warmUp(Path reference) throws IOException {
        Path initial = out.resolve("initial-model");
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
    }

    /** The first {@link DemoConfig#prompts()} of the 100 questions, in a seeded order, one per line. */
    private void writePrompts(Path file) throws IOException {
        List<Question> questions = new ArrayList<>();
        for (int left = 0; left < 10; left++) {
            for (int right = 0; right < 10; right++) {
                questions.add(new Question(left, right));
            }
        }
        Collections.shuffle(questions, new Random(config.seed() + 2));
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (Question question : questions.subList(0, config.prompts())) {
            lines.append(json.writeValueAsString(Map.of("prompt", question.prompt()))).append('\n');
        }
        AtomicFiles.writeString(file, lines.toString());
    }

    /** What every run shares; the sweep sets the loss, its point, the seed and the output. */
    private TrainConfig base(Path reference, Path corpus) {
        return TrainConfig.builder()
                .model(reference)
                .datasetPreset("generic")
                .datasetPath(corpus)
                .datasetOptions(Map.of("objectives", DemoData.presetOptions()))
                .chatTemplate(TemplateChoice.NONE)
                .loss(LossKind.DPO)
                .tau(config.tau())
                .learningRate(config.learningRate())
                .warmupSteps(Math.max(1, config.trainSteps() / 10))
                .batchSize(config.batchSize())
                .maxSteps(config.trainSteps())
                .evalFraction(0.05)
                .maxLength(80)
                .maxPromptLength(32)
                .seed(config.seed())
                .output(out.resolve("runs"))
                .referenceCache(out.resolve("reference-cache"))
                .build();
    }

    private List<SweepMethod> methods() {
        String correct = ArithmeticTask.CORRECT.name();
        String concise = ArithmeticTask.CONCISE.name();
        List<Map<String, Double>> thresholds = config.thresholds().stream().map(b -> Map.of(concise, b)).toList();
        List<Map<String, Double>> weights = config.weights().stream()
                .map(w -> Map.of(correct, w, concise, 1 - w)).toList();
        return List.of(SweepMethod.mopo(thresholds), SweepMethod.plain(LossKind.DPO),
                SweepMethod.weighted(LossKind.DPO_LS, weights));
    }

    private EvalSettings evaluation(Path prompts) {
        return EvalSettings.builder()
                .prompts(new PromptFile(prompts))
                .samples(config.samples())
                .sampling(new Sampling(48, 1.0, 1.0, 0))
                .chatTemplate(TemplateChoice.NONE)
                .maxPromptLength(32)
                .seed(config.seed() + 3)
                .batchSize(64)
                .scorers(List.of(ScorerSpec.provided(ArithmeticTask.CORRECT.name(), CorrectScorerProvider.ID),
                        ScorerSpec.provided(ArithmeticTask.CONCISE.name(), ConciseScorerProvider.ID)))
                .build();
    }
}
