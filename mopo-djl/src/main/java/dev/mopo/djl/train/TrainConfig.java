package dev.mopo.djl.train;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.mopo.core.Checks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs, with TRL-like defaults. A YAML file fills it (keys in
 * {@code snake_case}, one per field) and every key is also a command-line flag. Fields hold
 * their defaults; {@link #validate()} refuses bad values with a message naming the key.
 */
public final class TrainConfig {

    @Setting("Policy checkpoint folder (config.json, safetensors, tokenizer.json).")
    Path model;

    @Setting("Reference checkpoint folder (default: the policy's starting checkpoint).")
    Path reference;

    @Setting("Dataset preset: pku-safe-rlhf, hh-rlhf, ultrafeedback, helpsteer2 or generic.")
    String datasetPreset;

    @Setting("Dataset file or folder (Parquet, Arrow, save_to_disk folder, JSONL, JSONL.gz).")
    Path datasetPath;

    @Setting("Preset options as key=value (e.g. subset=harmless-base, strategy=best-vs-worst).")
    Map<String, String> datasetOptions = new LinkedHashMap<>();

    @Setting("Chat template for prompts: auto (the checkpoint's, else plain), checkpoint, plain or pku.")
    String chatTemplate = "auto";

    @Setting("Objectives in the order to use them, primary first (default: the preset's order).")
    List<String> objectives = new ArrayList<>();

    @Setting("Win-rate thresholds b_k in (0, 1) per constrained objective, as name=value.")
    Map<String, Double> thresholds = new LinkedHashMap<>();

    @Setting("Loss: mopo, mopo-fixed, ipo, dpo, cdpo, dpo-ls, ipo-ls or modpo.")
    String loss = "mopo";

    @Setting("KL strength tau (TRL's beta).")
    double tau = 0.1;

    @Setting("Label smoothing epsilon of cdpo, in [0, 0.5).")
    double labelSmoothing = 0.1;

    @Setting("Per-objective weights of dpo-ls, ipo-ls and modpo, as name=value.")
    Map<String, Double> lossWeights = new LinkedHashMap<>();

    @Setting("Fixed multipliers of mopo-fixed (and the starting ones of mopo), as name=value.")
    Map<String, Double> lambdas = new LinkedHashMap<>();

    @Setting("Objective that orders the pairs for dpo, cdpo and ipo (default: the primary).")
    String lossObjective;

    @Setting("Log-prob reduction over response tokens: sum, or mean (TRL's IPO).")
    String logpReduction = "sum";

    @Setting("Dual step size eta_lambda.")
    double dualStepSize = 1.0;

    @Setting("Run the dual step every this many optimiser steps.")
    int dualInterval = 1;

    @Setting("Win-rate estimator of the dual step: snis or pairwise.")
    String dualEstimator = "snis";

    @Setting("Moving-average factor of the win-rate estimates, in [0, 1).")
    double estimateEma = 0.9;

    @Setting("Upper bound lambda_max of the multipliers.")
    double maxLambda = 100;

    @Setting("Peak learning rate of AdamW.")
    double learningRate = 5e-7;

    @Setting("Linear warm-up steps.")
    int warmupSteps = 0;

    @Setting("Learning-rate decay after warm-up: cosine, linear or constant.")
    String lrSchedule = "cosine";

    @Setting("AdamW decoupled weight decay.")
    double weightDecay = 0;

    @Setting("Clip gradients to this global L2 norm (0: no clipping).")
    double maxGradNorm = 1.0;

    @Setting("Pairs per micro-batch.")
    int batchSize = 8;

    @Setting("Micro-batches per optimiser step.")
    int gradientAccumulation = 1;

    @Setting("Passes over the training pairs (ignored when max_steps > 0).")
    int epochs = 1;

    @Setting("Optimiser steps to run (0: as many as the epochs take).")
    int maxSteps = 0;

    @Setting("Evaluate on the held-out pairs every this many steps (0: only at the end).")
    int evalInterval = 0;

    @Setting("Fraction of pairs held out for evaluation.")
    double evalFraction = 0.05;

    @Setting("Save a checkpoint every this many steps (0: only at the end).")
    int saveInterval = 0;

    @Setting("Maximum tokens of prompt plus response (TRL's max_length).")
    int maxLength = 512;

    @Setting("Maximum prompt tokens kept (from the prompt's end) when a pair is too long.")
    int maxPromptLength = 256;

    @Setting("Seed of the data split and order.")
    long seed = 42;

    @Setting("Device: cpu, cuda or cuda:N.")
    String device = "cpu";

    @Setting("Training precision: fp32, or fp16 (mixed precision: fp16 compute, fp32 master weights, dynamic"
            + " loss scaling; meant for CUDA: on CPU PyTorch's fp16 kernels make it about 20x slower than fp32).")
    String precision = "fp32";

    @Setting("Precision of the reference model's log-probs: fp32, or fp16 (half the memory; for CUDA).")
    String referencePrecision = "fp32";

    @Setting("Reference log-probs: precomputed once and cached (the reference model is not held), or live.")
    String referenceMode = "precomputed";

    @Setting("Folder caching reference log-probs, shareable between runs on the same model and data"
            + " (default: the output folder).")
    Path referenceCache;

    @Setting("Skipped non-finite steps allowed before training aborts (fp16's loss-scale overflows do not count).")
    int maxSkippedSteps = 10;

    @Setting("Output folder: metrics.jsonl, checkpoints, the final policy.")
    Path output;

    /** Every field, validated; the first problem is an error naming its key. */
    public TrainConfig validate() {
        require(model != null, "model: give the policy checkpoint folder");
        require(datasetPreset != null, "dataset_preset: name the dataset's preset");
        require(datasetPath != null, "dataset_path: give the dataset file or folder");
        require(output != null, "output: give an output folder");
        Checks.positive("tau", tau);
        Checks.positive("learning_rate", learningRate);
        Checks.positive("dual_step_size", dualStepSize);
        Checks.atLeastOne("dual_interval", dualInterval);
        Checks.halfOpenUnit("estimate_ema", estimateEma);
        Checks.positive("max_lambda", maxLambda);
        Checks.nonNegative("weight_decay", weightDecay);
        Checks.nonNegative("max_grad_norm", maxGradNorm);
        Checks.atLeastOne("batch_size", batchSize);
        Checks.atLeastOne("gradient_accumulation", gradientAccumulation);
        Checks.atLeastOne("epochs", epochs);
        require(maxSteps >= 0, "max_steps must be >= 0, got " + maxSteps);
        require(warmupSteps >= 0, "warmup_steps must be >= 0, got " + warmupSteps);
        require(evalInterval >= 0, "eval_interval must be >= 0, got " + evalInterval);
        require(saveInterval >= 0, "save_interval must be >= 0, got " + saveInterval);
        require(evalFraction >= 0 && evalFraction < 1, "eval_fraction must be in [0, 1), got " + evalFraction);
        Checks.atLeastOne("max_length", maxLength);
        require(maxPromptLength >= 1 && maxPromptLength < maxLength,
                "max_prompt_length must be in [1, max_length), got " + maxPromptLength);
        require(maxSkippedSteps >= 0, "max_skipped_steps must be >= 0, got " + maxSkippedSteps);
        thresholds.forEach((name, b) -> Checks.openUnit("thresholds." + name, b));
        oneOf("logp_reduction", logpReduction, "sum", "mean");
        oneOf("dual_estimator", dualEstimator, "snis", "pairwise");
        oneOf("lr_schedule", lrSchedule, "cosine", "linear", "constant");
        oneOf("precision", precision, "fp32", "fp16");
        oneOf("reference_precision", referencePrecision, "fp32", "fp16");
        oneOf("reference_mode", referenceMode, "precomputed", "live");
        oneOf("loss", loss, LossChoice.names());
        return this;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void oneOf(String key, String value, String... allowed) {
        for (String option : allowed) {
            if (option.equals(value)) {
                return;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", got '" + value + "'");
    }

    /** The resolved settings as JSON ({@code snake_case} keys), for the run's record. */
    public String toJson() {
        return new GsonBuilder()
                .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                .registerTypeHierarchyAdapter(Path.class, new PathAdapter())
                .setPrettyPrinting()
                .create()
                .toJson(this);
    }

    /** Writes paths as strings. */
    private static final class PathAdapter extends TypeAdapter<Path> {
        @Override
        public void write(JsonWriter out, Path value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Path read(JsonReader in) throws IOException {
            return Path.of(in.nextString());
        }
    }

    /** The policy checkpoint folder. */
    public Path model() {
        return model;
    }

    /** The reference checkpoint folder: the policy's by default. */
    public Path reference() {
        return reference == null ? model : reference;
    }

    /** The output folder. */
    public Path output() {
        return output;
    }

    /** Where reference log-probs are cached: the output folder unless another is named. */
    public Path referenceCache() {
        return referenceCache == null ? output : referenceCache;
    }
}
