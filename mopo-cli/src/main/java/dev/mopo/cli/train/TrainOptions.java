package dev.mopo.cli.train;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.EstimatorKind;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.LrSchedule;
import dev.mopo.djl.train.config.Precision;
import dev.mopo.djl.train.config.PreferenceValueSource;
import dev.mopo.djl.train.config.ReferenceMode;
import dev.mopo.djl.train.config.SamplingStrategy;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The settings of {@code mopo train}, one field each: the flag is {@code --kebab-case} of the
 * field and the YAML key its {@code snake_case}, so {@code dualStepSize} is {@code --dual-step-size}
 * and {@code dual_step_size:}. A field stays null unless given; {@link #applyTo} hands the given
 * ones to {@link TrainConfigBuilder}, which holds the defaults and the checks.
 */
final class TrainOptions {

    @Option(names = "--model", paramLabel = "DIR", order = 1,
            description = "Policy checkpoint folder: config.json, safetensors, tokenizer.json (required).")
    Path model;

    @Option(names = "--reference", paramLabel = "DIR", order = 2,
            description = "Reference checkpoint folder (default: the model).")
    Path reference;

    @Option(names = "--reference-mode", paramLabel = "MODE", order = 3,
            description = "${COMPLETION-CANDIDATES}: reference log-probs computed once and cached, or a live frozen"
                    + " model.")
    ReferenceMode referenceMode;

    @Option(names = "--reference-precision", paramLabel = "PRECISION", order = 4,
            description = "${COMPLETION-CANDIDATES}: what the reference computes in (fp16 halves its memory; for CUDA).")
    Precision referencePrecision;

    @Option(names = "--reference-cache", paramLabel = "DIR", order = 5,
            description = "Folder caching reference log-probs, shareable between runs on the same model and data"
                    + " (default: the output folder).")
    Path referenceCache;

    @Option(names = "--dataset-preset", paramLabel = "NAME", order = 6,
            description = "pku-safe-rlhf, hh-rlhf, ultrafeedback, helpsteer2 or generic (required).")
    String datasetPreset;

    @Option(names = "--dataset-path", paramLabel = "PATH", order = 7,
            description = "Corpus file or folder: Parquet, Arrow, save_to_disk folder, JSONL, JSONL.gz (required).")
    Path datasetPath;

    @Option(names = {"--dataset-options", "--dataset-option"}, paramLabel = "KEY=VALUE", order = 8,
            split = ",(?=[^,=]+=)", splitSynopsisLabel = ",",
            description = "A preset option, repeatable: subset=harmless-base, strategy=best-vs-worst,"
                    + " objectives=helpful,harmless (see `mopo data inspect --help`).")
    Map<String, String> datasetOptions;

    @Option(names = "--chat-template", paramLabel = "NAME", order = 9,
            description = "${COMPLETION-CANDIDATES}: how prompts are rendered (auto: the checkpoint's, else the"
                    + " preset's text template: none for hh-rlhf, pku for pku-safe-rlhf, plain otherwise).")
    TemplateChoice chatTemplate;

    @Option(names = "--objectives", paramLabel = "NAME", split = ",", order = 10,
            description = "Objectives in the order to use them, primary first (default: the preset's order).")
    List<String> objectives;

    @Option(names = "--max-length", paramLabel = "TOKENS", order = 11,
            description = "Most tokens of prompt plus response (TRL's max_length).")
    Integer maxLength;

    @Option(names = "--max-prompt-length", paramLabel = "TOKENS", order = 12,
            description = "Most prompt tokens kept, from the prompt's end, when a pair is too long.")
    Integer maxPromptLength;

    @Option(names = "--eval-fraction", paramLabel = "FRACTION", order = 13,
            description = "Fraction of pairs held out for evaluation, in [0, 1).")
    Double evalFraction;

    @Option(names = "--train-sampling-strategy", paramLabel = "ORDER", order = 13,
            description = "${COMPLETION-CANDIDATES}: the order of each epoch's batches, as transformers'"
                    + " train_sampling_strategy (group_by_length: batches of pairs of similar length, less padding).")
    SamplingStrategy trainSamplingStrategy;

    @Option(names = "--loss", paramLabel = "NAME", order = 14, description = "${COMPLETION-CANDIDATES}.")
    LossKind loss;

    @JsonAlias("beta")
    @Option(names = "--tau", paramLabel = "TAU", order = 15,
            description = "KL strength tau (TRL's beta; --beta and the key beta are accepted too).")
    Double tau;

    /** TRL's name for {@code tau}. */
    @Option(names = "--beta", paramLabel = "TAU", hidden = true)
    void beta(double value) {
        tau = value;
    }

    @Option(names = "--label-smoothing", paramLabel = "EPSILON", order = 16,
            description = "Label smoothing of cdpo, in [0, 0.5).")
    Double labelSmoothing;

    @Option(names = "--loss-objective", paramLabel = "NAME", order = 17,
            description = "Objective that orders the pairs of dpo, cdpo and ipo (default: the primary).")
    String lossObjective;

    @Option(names = "--logp-reduction", paramLabel = "NAME", order = 18,
            description = "${COMPLETION-CANDIDATES}: log-probs over response tokens (mean: TRL's IPO).")
    LogProbReduction logpReduction;

    @Option(names = "--loss-weights", paramLabel = "NAME=W", split = ",", order = 19,
            description = "Per-objective weights of dpo-ls, ipo-ls and modpo, repeatable or comma-separated.")
    Map<String, Double> lossWeights;

    @Option(names = "--lambdas", paramLabel = "NAME=LAMBDA", split = ",", order = 20,
            description = "Fixed multipliers of mopo-fixed (starting ones of mopo).")
    Map<String, Double> lambdas;

    @Option(names = "--thresholds", paramLabel = "NAME=B", split = ",", order = 21,
            description = "Win-rate thresholds b in (0, 1) per constrained objective (mopo).")
    Map<String, Double> thresholds;

    @Option(names = "--preference-values", paramLabel = "SOURCE", order = 22,
            description = "${COMPLETION-CANDIDATES}: how mopo and the data dual estimate a response's chance of beating"
                    + " a data response: its own pair, its pairs in the batch, or every pair of the training split"
                    + " holding it (the same answer to the same prompt), with each prompt's tilt then normalised over"
                    + " all its responses in the split (about 30 bytes per distinct response).")
    PreferenceValueSource preferenceValues;

    @Option(names = "--dual-step-size", paramLabel = "ETA", order = 23,
            description = "Step size eta of the multiplier step; 0 for the rule's (0.5 for the data dual, 1 for snis"
                    + " and pairwise).")
    Double dualStepSize;

    @Option(names = "--dual-interval", paramLabel = "STEPS", order = 24,
            description = "Run the multiplier step every this many optimiser steps; 0 for the rule's (25 for the data"
                    + " dual, 1 for snis and pairwise).")
    Integer dualInterval;

    @Option(names = "--dual-estimator", paramLabel = "NAME", order = 25,
            description = "${COMPLETION-CANDIDATES}: what moves mopo-regression's multipliers (mopo and mopo-lb always"
                    + " use the data's closed form).")
    EstimatorKind dualEstimator;

    @Option(names = "--estimate-ema", paramLabel = "FACTOR", order = 26,
            description = "Moving-average factor of snis and pairwise estimates, in [0, 1).")
    Double estimateEma;

    @Option(names = "--max-lambda", paramLabel = "LAMBDA", order = 27, description = "Upper bound of the multipliers.")
    Double maxLambda;

    @Option(names = "--dual-solve", paramLabel = "BOOLEAN", arity = "1", order = 28,
            description = "The data dual solves for the multipliers on its evidence at every update (false: one step,"
                    + " as the paper interleaves them).")
    Boolean dualSolve;

    @Option(names = "--dual-window", paramLabel = "PAIRS", order = 29,
            description = "The data dual's evidence: the most recent this many pairs (0: those since its last update).")
    Integer dualWindow;

    @Option(names = "--epsilon", paramLabel = "EPSILON", order = 30,
            description = "KL radius of the robust constraint bound (the paper's Eq. 8); 0 for none.")
    Double epsilon;

    @Option(names = "--chi-step-size", paramLabel = "STEP", order = 31,
            description = "Step of the robust bound's chi when the data dual does not solve.")
    Double chiStepSize;

    @Option(names = "--barrier-strength", paramLabel = "SIGMA", order = 32, description = "mopo-lb's barrier sigma.")
    Double barrierStrength;

    @Option(names = "--barrier-knee", paramLabel = "DELTA", order = 33,
            description = "mopo-lb's delta, below which the barrier is linear (stays finite when infeasible).")
    Double barrierKnee;

    @Option(names = "--ratchet-period", paramLabel = "STEPS", order = 34,
            description = "The paper's t0: every this many steps thresholds ratchet and the reference moves to the"
                    + " policy of t0 steps earlier; 0 for never.")
    Long ratchetPeriod;

    @Option(names = "--threshold-relaxation", paramLabel = "BETA", order = 35,
            description = "The paper's beta of the ratchet b <- beta * G, in (0, 1].")
    Double thresholdRelaxation;

    @Option(names = "--learning-rate", paramLabel = "RATE", order = 36, description = "AdamW's peak learning rate.")
    Double learningRate;

    @Option(names = "--warmup-steps", paramLabel = "STEPS", order = 37, description = "Linear warm-up steps.")
    Integer warmupSteps;

    @Option(names = "--lr-schedule", paramLabel = "NAME", order = 38,
            description = "${COMPLETION-CANDIDATES}: the decay after warm-up.")
    LrSchedule lrSchedule;

    @Option(names = "--weight-decay", paramLabel = "DECAY", order = 39,
            description = "AdamW's decoupled weight decay (biases and normalisation weights exempt).")
    Double weightDecay;

    @Option(names = "--max-grad-norm", paramLabel = "NORM", order = 40,
            description = "Clip gradients to this global L2 norm (0: no clipping).")
    Double maxGradNorm;

    @Option(names = "--batch-size", paramLabel = "PAIRS", order = 41, description = "Pairs per micro-batch.")
    Integer batchSize;

    @Option(names = "--gradient-accumulation", paramLabel = "MICRO_BATCHES", order = 42,
            description = "Micro-batches per optimiser step.")
    Integer gradientAccumulation;

    @Option(names = "--epochs", paramLabel = "EPOCHS", order = 43,
            description = "Passes over the training pairs (ignored when max_steps > 0).")
    Integer epochs;

    @Option(names = "--max-steps", paramLabel = "STEPS", order = 44,
            description = "Optimiser steps to run (0: as many as the epochs take).")
    Integer maxSteps;

    @Option(names = "--output", paramLabel = "DIR", order = 45,
            description = "Output folder: metrics.jsonl, checkpoints, the final policy (required).")
    Path output;

    @Option(names = "--device", paramLabel = "DEVICE", order = 46, description = "cpu, cuda or cuda:N.")
    String device;

    @Option(names = "--precision", paramLabel = "PRECISION", order = 47,
            description = "${COMPLETION-CANDIDATES}: fp16 is mixed precision (fp16 compute, fp32 master weights,"
                    + " dynamic loss scaling), meant for CUDA: on CPU it is about 20x slower than fp32.")
    Precision precision;

    @Option(names = "--seed", paramLabel = "SEED", order = 48, description = "Seed of the data split and order.")
    Long seed;

    @Option(names = "--eval-interval", paramLabel = "STEPS", order = 49,
            description = "Evaluate on the held-out pairs every this many steps (0: only at the end).")
    Integer evalInterval;

    @Option(names = "--save-interval", paramLabel = "STEPS", order = 50,
            description = "Save a checkpoint every this many steps (0: only at the end).")
    Integer saveInterval;

    @Option(names = "--save-total-limit", paramLabel = "CHECKPOINTS", order = 51,
            description = "Keep only the newest this many checkpoints (0: keep all; TRL's save_total_limit).")
    Integer saveTotalLimit;

    @Option(names = "--logging-steps", paramLabel = "STEPS", order = 52,
            description = "Write a progress line every this many steps when the output is not a terminal.")
    Integer loggingSteps;

    @Option(names = "--max-skipped-steps", paramLabel = "STEPS", order = 53,
            description = "Non-finite steps skipped before training aborts (fp16 overflows do not count).")
    Integer maxSkippedSteps;

    /** Relative paths resolved against {@code base} (the folder of the YAML file that gave them). */
    void resolvePaths(Path base) {
        model = resolve(base, model);
        reference = resolve(base, reference);
        referenceCache = resolve(base, referenceCache);
        datasetPath = resolve(base, datasetPath);
        output = resolve(base, output);
    }

    private static Path resolve(Path base, Path path) {
        return path == null || path.isAbsolute() ? path : base.resolve(path).normalize();
    }

    /** Hands every given setting to {@code builder}. */
    void applyTo(TrainConfigBuilder builder) {
        set(model, builder::model);
        set(reference, builder::reference);
        set(referenceMode, builder::referenceMode);
        set(referencePrecision, builder::referencePrecision);
        set(referenceCache, builder::referenceCache);
        set(datasetPreset, builder::datasetPreset);
        set(datasetPath, builder::datasetPath);
        set(datasetOptions, builder::datasetOptions);
        set(chatTemplate, builder::chatTemplate);
        set(objectives, builder::objectives);
        set(maxLength, builder::maxLength);
        set(maxPromptLength, builder::maxPromptLength);
        set(evalFraction, builder::evalFraction);
        set(trainSamplingStrategy, builder::trainSamplingStrategy);
        set(loss, builder::loss);
        set(tau, builder::tau);
        set(labelSmoothing, builder::labelSmoothing);
        set(lossObjective, builder::lossObjective);
        set(logpReduction, builder::logpReduction);
        set(lossWeights, builder::lossWeights);
        set(lambdas, builder::lambdas);
        set(thresholds, builder::thresholds);
        set(preferenceValues, builder::preferenceValues);
        set(dualStepSize, builder::dualStepSize);
        set(dualInterval, builder::dualInterval);
        set(dualEstimator, builder::dualEstimator);
        set(estimateEma, builder::estimateEma);
        set(maxLambda, builder::maxLambda);
        set(dualSolve, builder::dualSolve);
        set(dualWindow, builder::dualWindow);
        set(epsilon, builder::epsilon);
        set(chiStepSize, builder::chiStepSize);
        set(barrierStrength, builder::barrierStrength);
        set(barrierKnee, builder::barrierKnee);
        set(ratchetPeriod, builder::ratchetPeriod);
        set(thresholdRelaxation, builder::thresholdRelaxation);
        set(learningRate, builder::learningRate);
        set(warmupSteps, builder::warmupSteps);
        set(lrSchedule, builder::lrSchedule);
        set(weightDecay, builder::weightDecay);
        set(maxGradNorm, builder::maxGradNorm);
        set(batchSize, builder::batchSize);
        set(gradientAccumulation, builder::gradientAccumulation);
        set(epochs, builder::epochs);
        set(maxSteps, builder::maxSteps);
        set(output, builder::output);
        set(device, builder::device);
        set(precision, builder::precision);
        set(seed, builder::seed);
        set(evalInterval, builder::evalInterval);
        set(saveInterval, builder::saveInterval);
        set(saveTotalLimit, builder::saveTotalLimit);
        set(loggingSteps, builder::loggingSteps);
        set(maxSkippedSteps, builder::maxSkippedSteps);
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
