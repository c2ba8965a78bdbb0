package dev.mopo.cli.eval;

import dev.mopo.bench.eval.Bootstrap;
import dev.mopo.bench.eval.CorpusPrompts;
import dev.mopo.bench.eval.EvalSettings;
import dev.mopo.bench.eval.PromptFile;
import dev.mopo.bench.eval.PromptSplit;
import dev.mopo.bench.eval.Sampling;
import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The settings of an evaluation, one field each, as {@code mopo eval}'s flags
 * ({@code --max-new-tokens}) and as the keys of a sweep file's {@code evaluation:} block
 * ({@code max_new_tokens}). A field stays null unless given; {@link #applyTo} hands the given ones to
 * {@link EvalSettings.Builder}, which holds the defaults and the checks.
 */
public final class EvalOptions {

    @Option(names = "--prompts", paramLabel = "FILE", order = 10,
            description = "Prompt file: JSONL, one {\"prompt\": \"...\"} per line.")
    Path prompts;

    @Option(names = "--dataset-preset", paramLabel = "NAME", order = 11,
            description = "Or prompts from a corpus: its preset (pku-safe-rlhf, hh-rlhf, ultrafeedback, helpsteer2,"
                    + " generic).")
    String datasetPreset;

    @Option(names = "--dataset-path", paramLabel = "PATH", order = 12, description = "The corpus file or folder.")
    Path datasetPath;

    @Option(names = {"--dataset-options", "--dataset-option"}, paramLabel = "KEY=VALUE", order = 13,
            split = ",(?=[^,=]+=)", splitSynopsisLabel = ",", description = "A preset option, repeatable.")
    Map<String, String> datasetOptions;

    @Option(names = "--split", paramLabel = "SPLIT", order = 14,
            description = "${COMPLETION-CANDIDATES}: which pairs' prompts, split as training splits them (default:"
                    + " eval).")
    PromptSplit split;

    @Option(names = "--eval-fraction", paramLabel = "FRACTION", order = 15,
            description = "Training's eval_fraction, which decides the split (default: training's default, 0.05).")
    Double evalFraction;

    @Option(names = "--split-seed", paramLabel = "SEED", order = 16,
            description = "Training's seed, which decides the split (default: training's default, 42).")
    Long splitSeed;

    @Option(names = "--max-prompts", paramLabel = "N", order = 17,
            description = "Evaluate the first N distinct prompts only (default: all).")
    Integer maxPrompts;

    @Option(names = "--samples", paramLabel = "N", order = 20, description = "Responses per prompt and policy (default: 1).")
    Integer samples;

    @Option(names = "--max-new-tokens", paramLabel = "TOKENS", order = 21,
            description = "Token budget per response (default: each policy's generation_config.json, else 128).")
    Integer maxNewTokens;

    @Option(names = "--temperature", paramLabel = "T", order = 22,
            description = "0 for greedy decoding, else sample at this temperature (default: each policy's"
                    + " generation_config.json, greedy when it does not sample).")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "MASS", order = 23,
            description = "Nucleus sampling mass (default: the generation config's).")
    Double topP;

    @Option(names = "--top-k", paramLabel = "TOKENS", order = 24,
            description = "Sample from the k most likely tokens, 0 for all (default: the generation config's, else 50).")
    Integer topK;

    @Option(names = "--chat-template", paramLabel = "NAME", order = 25,
            description = "${COMPLETION-CANDIDATES}: how prompts are rendered, as training renders them (default:"
                    + " auto: the checkpoint's, else the corpus preset's text template, plain for a prompt file).")
    TemplateChoice chatTemplate;

    @Option(names = "--max-prompt-length", paramLabel = "TOKENS", order = 26,
            description = "Prompts keep their last this many tokens (default: 256).")
    Integer maxPromptLength;

    @Option(names = "--seed", paramLabel = "SEED", order = 27,
            description = "Seed of the draws and of the bootstrap: the same seed gives the same samples (default: 0).")
    Long seed;

    @Option(names = "--batch-size", paramLabel = "N", order = 28,
            description = "Responses generated, and requests scored, per batch (default: 8).")
    Integer batchSize;

    @Option(names = "--device", paramLabel = "DEVICE", order = 29,
            description = "cpu, cuda or cuda:N: where policies and reward models run (default: cpu).")
    String device;

    @Option(names = "--scorer", paramLabel = "SCORER", order = 30,
            description = "A scorer, repeatable: NAME=reward-model:DIR[#LABEL], NAME=command:'PROGRAM ARGS...'"
                    + " (JSON lines: {\"prompt\", \"response\"} in, {\"score\": x} or {\"scores\": {NAME: x}} out) or"
                    + " [NAME=]java:ID (a ScorerProvider on the class path; built in: java:concise).")
    List<String> scorers;

    @Option(names = "--bootstrap-resamples", paramLabel = "N", order = 31,
            description = "Bootstrap resamples of the intervals (default: 1000).")
    Integer bootstrapResamples;

    @Option(names = "--confidence", paramLabel = "LEVEL", order = 32,
            description = "Coverage of the intervals, in (0, 1) (default: 0.95).")
    Double confidence;

    /**
     * Hands the given settings to {@code builder}.
     *
     * @param base the folder relative paths are resolved against
     * @param training the training settings whose corpus (a sweep's base) gives the prompts when none are named,
     *     or null; its {@code eval_fraction} and {@code seed} are the split's defaults
     */
    public void applyTo(EvalSettings.Builder builder, Path base, TrainConfig training) {
        builder.prompts(prompts(base, training));
        set(maxPrompts, builder::maxPrompts);
        set(samples, builder::samples);
        builder.sampling(new Sampling(maxNewTokens, temperature, topP, topK));
        set(chatTemplate, builder::chatTemplate);
        set(maxPromptLength, builder::maxPromptLength);
        set(seed, builder::seed);
        set(batchSize, builder::batchSize);
        set(device, builder::device);
        List<ScorerSpec> specs = new ArrayList<>();
        for (String scorer : scorers == null ? List.<String>of() : scorers) {
            specs.add(ScorerArguments.parse(scorer, base));
        }
        builder.scorers(specs);
        builder.bootstrap(new Bootstrap(bootstrapResamples == null ? Bootstrap.DEFAULT.resamples() : bootstrapResamples,
                confidence == null ? Bootstrap.DEFAULT.confidence() : confidence));
    }

    private dev.mopo.bench.eval.PromptSource prompts(Path base, TrainConfig training) {
        boolean corpus = datasetPreset != null || datasetPath != null || datasetOptions != null || split != null
                || evalFraction != null || splitSeed != null;
        if (prompts != null) {
            if (corpus) {
                throw new IllegalArgumentException("give the prompts as a prompt file or as a corpus split, not both");
            }
            return new PromptFile(base.resolve(prompts));
        }
        TrainConfig defaults = training != null ? training : TrainConfig.builder().model(base).datasetPreset("generic")
                .datasetPath(base).output(base).build();
        String preset = datasetPreset != null ? datasetPreset : training == null ? null : defaults.data().datasetPreset();
        Path path = datasetPath != null ? base.resolve(datasetPath) : training == null ? null
                : defaults.data().datasetPath();
        if (preset == null || path == null) {
            throw new IllegalArgumentException("give the prompts: a prompt file (prompts), or a corpus (dataset_preset and"
                    + " dataset_path, with split eval, train or all)");
        }
        Map<String, String> options = datasetOptions != null ? datasetOptions
                : datasetPath == null && datasetPreset == null ? defaults.data().datasetOptions() : Map.of();
        return new CorpusPrompts(preset, path, options, split == null ? PromptSplit.EVAL : split,
                evalFraction == null ? defaults.data().evalFraction() : evalFraction,
                splitSeed == null ? defaults.runtime().seed() : splitSeed);
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
