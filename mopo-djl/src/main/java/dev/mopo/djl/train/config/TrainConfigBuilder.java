package dev.mopo.djl.train.config;

import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.datasets.batch.TokenLimits;
import dev.mopo.datasets.template.TemplateChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link TrainConfig}: one method per setting, named as the setting; every default is
 * here, the multipliers' in {@link DualSettingsBuilder}.
 */
public final class TrainConfigBuilder extends DualSettingsBuilder {

    private Path model;
    private Path reference;
    private ReferenceMode referenceMode = ReferenceMode.PRECOMPUTED;
    private Precision referencePrecision = Precision.FP32;
    private Path referenceCache;
    private String datasetPreset;
    private Path datasetPath;
    private Map<String, String> datasetOptions = Map.of();
    private TemplateChoice chatTemplate = TemplateChoice.AUTO;
    private List<String> objectives = List.of();
    private int maxLength = 512;
    private int maxPromptLength = 256;
    private double evalFraction = 0.05;
    private SamplingStrategy trainSamplingStrategy = SamplingStrategy.RANDOM;
    private LossKind loss = LossKind.MOPO;
    private double tau = 0.1;
    private double labelSmoothing = 0.1;
    private String lossObjective;
    private LogProbReduction logpReduction = LogProbReduction.SUM;
    private Map<String, Double> lossWeights = Map.of();
    private Map<String, Double> lambdas = Map.of();
    private Map<String, Double> thresholds = Map.of();
    private PreferenceValueSource preferenceValues = PreferenceValueSource.CORPUS;
    private double learningRate = 5e-7;
    private int warmupSteps;
    private LrSchedule lrSchedule = LrSchedule.COSINE;
    private double weightDecay;
    private double maxGradNorm = 1.0;
    private int batchSize = 8;
    private int gradientAccumulation = 1;
    private int epochs = 1;
    private int maxSteps;
    private Path output;
    private String device = "cpu";
    private Precision precision = Precision.FP32;
    private long seed = 42;
    private int evalInterval;
    private int saveInterval;
    private int saveTotalLimit;
    private int loggingSteps = 10;
    private int maxSkippedSteps = 10;

    /** {@code model}: the policy checkpoint folder. */
    public TrainConfigBuilder model(Path value) {
        model = value;
        return this;
    }

    /** {@code reference}: the reference checkpoint folder (default: {@code model}). */
    public TrainConfigBuilder reference(Path value) {
        reference = value;
        return this;
    }

    /** {@code reference_mode}. */
    public TrainConfigBuilder referenceMode(ReferenceMode value) {
        referenceMode = value;
        return this;
    }

    /** {@code reference_precision}. */
    public TrainConfigBuilder referencePrecision(Precision value) {
        referencePrecision = value;
        return this;
    }

    /** {@code reference_cache}: a folder for reference log-probs (default: {@code output}). */
    public TrainConfigBuilder referenceCache(Path value) {
        referenceCache = value;
        return this;
    }

    /** {@code dataset_preset}. */
    public TrainConfigBuilder datasetPreset(String value) {
        datasetPreset = value;
        return this;
    }

    /** {@code dataset_path}. */
    public TrainConfigBuilder datasetPath(Path value) {
        datasetPath = value;
        return this;
    }

    /** {@code dataset_options}. */
    public TrainConfigBuilder datasetOptions(Map<String, String> value) {
        datasetOptions = value;
        return this;
    }

    /** {@code chat_template}. */
    public TrainConfigBuilder chatTemplate(TemplateChoice value) {
        chatTemplate = value;
        return this;
    }

    /** {@code objectives}: primary first. */
    public TrainConfigBuilder objectives(List<String> value) {
        objectives = value;
        return this;
    }

    /** {@code max_length}. */
    public TrainConfigBuilder maxLength(int value) {
        maxLength = value;
        return this;
    }

    /** {@code max_prompt_length}. */
    public TrainConfigBuilder maxPromptLength(int value) {
        maxPromptLength = value;
        return this;
    }

    /** {@code eval_fraction}. */
    public TrainConfigBuilder evalFraction(double value) {
        evalFraction = value;
        return this;
    }

    /** {@code train_sampling_strategy}. */
    public TrainConfigBuilder trainSamplingStrategy(SamplingStrategy value) {
        trainSamplingStrategy = value;
        return this;
    }

    /** {@code loss}. */
    public TrainConfigBuilder loss(LossKind value) {
        loss = value;
        return this;
    }

    /** {@code tau} (TRL's {@code beta}). */
    public TrainConfigBuilder tau(double value) {
        tau = value;
        return this;
    }

    /** {@code label_smoothing}. */
    public TrainConfigBuilder labelSmoothing(double value) {
        labelSmoothing = value;
        return this;
    }

    /** {@code loss_objective}. */
    public TrainConfigBuilder lossObjective(String value) {
        lossObjective = value;
        return this;
    }

    /** {@code logp_reduction}. */
    public TrainConfigBuilder logpReduction(LogProbReduction value) {
        logpReduction = value;
        return this;
    }

    /** {@code loss_weights}. */
    public TrainConfigBuilder lossWeights(Map<String, Double> value) {
        lossWeights = value;
        return this;
    }

    /** {@code lambdas}. */
    public TrainConfigBuilder lambdas(Map<String, Double> value) {
        lambdas = value;
        return this;
    }

    /** {@code thresholds}. */
    public TrainConfigBuilder thresholds(Map<String, Double> value) {
        thresholds = value;
        return this;
    }

    /** {@code preference_values}. */
    public TrainConfigBuilder preferenceValues(PreferenceValueSource value) {
        preferenceValues = value;
        return this;
    }

    /** {@code learning_rate}. */
    public TrainConfigBuilder learningRate(double value) {
        learningRate = value;
        return this;
    }

    /** {@code warmup_steps}. */
    public TrainConfigBuilder warmupSteps(int value) {
        warmupSteps = value;
        return this;
    }

    /** {@code lr_schedule}. */
    public TrainConfigBuilder lrSchedule(LrSchedule value) {
        lrSchedule = value;
        return this;
    }

    /** {@code weight_decay}. */
    public TrainConfigBuilder weightDecay(double value) {
        weightDecay = value;
        return this;
    }

    /** {@code max_grad_norm}. */
    public TrainConfigBuilder maxGradNorm(double value) {
        maxGradNorm = value;
        return this;
    }

    /** {@code batch_size}. */
    public TrainConfigBuilder batchSize(int value) {
        batchSize = value;
        return this;
    }

    /** {@code gradient_accumulation}. */
    public TrainConfigBuilder gradientAccumulation(int value) {
        gradientAccumulation = value;
        return this;
    }

    /** {@code epochs}. */
    public TrainConfigBuilder epochs(int value) {
        epochs = value;
        return this;
    }

    /** {@code max_steps}. */
    public TrainConfigBuilder maxSteps(int value) {
        maxSteps = value;
        return this;
    }

    /** {@code output}. */
    public TrainConfigBuilder output(Path value) {
        output = value;
        return this;
    }

    /** {@code device}. */
    public TrainConfigBuilder device(String value) {
        device = value;
        return this;
    }

    /** {@code precision}. */
    public TrainConfigBuilder precision(Precision value) {
        precision = value;
        return this;
    }

    /** {@code seed}. */
    public TrainConfigBuilder seed(long value) {
        seed = value;
        return this;
    }

    /** {@code eval_interval}. */
    public TrainConfigBuilder evalInterval(int value) {
        evalInterval = value;
        return this;
    }

    /** {@code save_interval}. */
    public TrainConfigBuilder saveInterval(int value) {
        saveInterval = value;
        return this;
    }

    /** {@code save_total_limit}. */
    public TrainConfigBuilder saveTotalLimit(int value) {
        saveTotalLimit = value;
        return this;
    }

    /** {@code logging_steps}. */
    public TrainConfigBuilder loggingSteps(int value) {
        loggingSteps = value;
        return this;
    }

    /** {@code max_skipped_steps}. */
    public TrainConfigBuilder maxSkippedSteps(int value) {
        maxSkippedSteps = value;
        return this;
    }

    /** The configuration; the first bad setting is an {@link IllegalArgumentException} naming its key. */
    public TrainConfig build() {
        return new TrainConfig(
                new ModelSettings(model, reference == null ? model : reference, referenceMode, referencePrecision,
                        referenceCache == null ? output : referenceCache),
                new DataSettings(datasetPreset, datasetPath, datasetOptions, chatTemplate, objectives,
                        new TokenLimits(maxLength, maxPromptLength), evalFraction, trainSamplingStrategy),
                new LossSettings(loss, tau, labelSmoothing, lossObjective, logpReduction, lossWeights, lambdas,
                        thresholds, preferenceValues),
                dualSettings(),
                new OptimizerSettings(learningRate, warmupSteps, lrSchedule, weightDecay, maxGradNorm, batchSize,
                        gradientAccumulation, epochs, maxSteps),
                new RuntimeSettings(output, device, precision, seed, evalInterval, saveInterval, saveTotalLimit,
                        loggingSteps, maxSkippedSteps));
    }
}
