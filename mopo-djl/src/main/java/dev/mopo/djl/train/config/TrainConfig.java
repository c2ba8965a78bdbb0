package dev.mopo.djl.train.config;

import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.dual.DataDualConfig;
import dev.mopo.core.dual.MultiplierRule;
import dev.mopo.datasets.batch.TokenLimits;
import dev.mopo.datasets.template.TemplateChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs, grouped as TRL splits {@code DPOConfig} from
 * {@code TrainingArguments}: the models, the data, the loss and its dual step, the optimiser, and
 * the runtime. Immutable; each group validates its own settings once, naming each by the
 * {@code snake_case} key users write in YAML ({@code dual_step_size}), which is also its flag
 * ({@code --dual-step-size}) and, in camel case, its builder method and accessor
 * ({@code dualStepSize}): one search for a setting's name finds where it is read.
 *
 * <pre>{@code
 * TrainConfig config = TrainConfig.builder()
 *         .model(Path.of("models/tiny")).datasetPreset("pku-safe-rlhf").datasetPath(Path.of("train.parquet"))
 *         .thresholds(Map.of("harmless", 0.55)).output(Path.of("runs/a"))
 *         .build();
 * }</pre>
 *
 * @param model the policy and the reference
 * @param data the corpus and its tokenisation
 * @param loss the preference loss
 * @param dual MOPO's multiplier step
 * @param optimizer AdamW, its schedule and the batch sizes
 * @param runtime output, device, precision, seed, intervals
 */
public record TrainConfig(ModelSettings model, DataSettings data, LossSettings loss, DualSettings dual,
        OptimizerSettings optimizer, RuntimeSettings runtime) {

    /** A builder holding every default; {@code model}, the dataset and {@code output} must be given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .model(model.model()).reference(model.reference()).referenceMode(model.referenceMode())
                .referencePrecision(model.referencePrecision()).referenceCache(model.referenceCache())
                .datasetPreset(data.datasetPreset()).datasetPath(data.datasetPath())
                .datasetOptions(data.datasetOptions()).chatTemplate(data.chatTemplate()).objectives(data.objectives())
                .maxLength(data.tokenLimits().maxLength()).maxPromptLength(data.tokenLimits().maxPromptLength())
                .evalFraction(data.evalFraction())
                .loss(loss.loss()).tau(loss.tau()).labelSmoothing(loss.labelSmoothing())
                .lossObjective(loss.lossObjective()).logpReduction(loss.logpReduction())
                .lossWeights(loss.lossWeights()).lambdas(loss.lambdas()).thresholds(loss.thresholds())
                .preferenceValues(loss.preferenceValues())
                .dualStepSize(dual.dualStepSize()).dualInterval(dual.dualInterval())
                .dualEstimator(dual.dualEstimator()).estimateEma(dual.estimateEma()).maxLambda(dual.maxLambda())
                .dualSolve(dual.dualSolve()).dualWindow(dual.dualWindow()).epsilon(dual.epsilon())
                .chiStepSize(dual.chiStepSize()).barrierStrength(dual.barrierStrength()).barrierKnee(dual.barrierKnee())
                .ratchetPeriod(dual.ratchetPeriod()).thresholdRelaxation(dual.thresholdRelaxation())
                .learningRate(optimizer.learningRate()).warmupSteps(optimizer.warmupSteps())
                .lrSchedule(optimizer.lrSchedule()).weightDecay(optimizer.weightDecay())
                .maxGradNorm(optimizer.maxGradNorm()).batchSize(optimizer.batchSize())
                .gradientAccumulation(optimizer.gradientAccumulation()).epochs(optimizer.epochs())
                .maxSteps(optimizer.maxSteps())
                .output(runtime.output()).device(runtime.device()).precision(runtime.precision())
                .seed(runtime.seed()).evalInterval(runtime.evalInterval()).saveInterval(runtime.saveInterval())
                .saveTotalLimit(runtime.saveTotalLimit()).loggingSteps(runtime.loggingSteps())
                .maxSkippedSteps(runtime.maxSkippedSteps());
    }

    /** Builds a {@link TrainConfig}: one method per setting, named as the setting. */
    public static final class Builder {
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
        private LossKind loss = LossKind.MOPO;
        private double tau = 0.1;
        private double labelSmoothing = 0.1;
        private String lossObjective;
        private LogProbReduction logpReduction = LogProbReduction.SUM;
        private Map<String, Double> lossWeights = Map.of();
        private Map<String, Double> lambdas = Map.of();
        private Map<String, Double> thresholds = Map.of();
        private PreferenceValueSource preferenceValues = PreferenceValueSource.CORPUS;
        private double dualStepSize;
        private int dualInterval;
        private EstimatorKind dualEstimator = EstimatorKind.SNIS;
        private double estimateEma = 0.9;
        private double maxLambda = 100;
        private boolean dualSolve = DataDualConfig.DEFAULT.solve();
        private int dualWindow = DataDualConfig.DEFAULT.windowPairs();
        private double epsilon = DataDualConfig.DEFAULT.epsilon();
        private double chiStepSize = DataDualConfig.DEFAULT.chiStepSize();
        private double barrierStrength = MultiplierRule.LogBarrier.DEFAULT.strength();
        private double barrierKnee = MultiplierRule.LogBarrier.DEFAULT.knee();
        private long ratchetPeriod;
        private double thresholdRelaxation = 0.9995;
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

        private Builder() {}

        /** {@code model}: the policy checkpoint folder. */
        public Builder model(Path value) {
            model = value;
            return this;
        }

        /** {@code reference}: the reference checkpoint folder (default: {@code model}). */
        public Builder reference(Path value) {
            reference = value;
            return this;
        }

        /** {@code reference_mode}. */
        public Builder referenceMode(ReferenceMode value) {
            referenceMode = value;
            return this;
        }

        /** {@code reference_precision}. */
        public Builder referencePrecision(Precision value) {
            referencePrecision = value;
            return this;
        }

        /** {@code reference_cache}: a folder for reference log-probs (default: {@code output}). */
        public Builder referenceCache(Path value) {
            referenceCache = value;
            return this;
        }

        /** {@code dataset_preset}. */
        public Builder datasetPreset(String value) {
            datasetPreset = value;
            return this;
        }

        /** {@code dataset_path}. */
        public Builder datasetPath(Path value) {
            datasetPath = value;
            return this;
        }

        /** {@code dataset_options}. */
        public Builder datasetOptions(Map<String, String> value) {
            datasetOptions = value;
            return this;
        }

        /** {@code chat_template}. */
        public Builder chatTemplate(TemplateChoice value) {
            chatTemplate = value;
            return this;
        }

        /** {@code objectives}: primary first. */
        public Builder objectives(List<String> value) {
            objectives = value;
            return this;
        }

        /** {@code max_length}. */
        public Builder maxLength(int value) {
            maxLength = value;
            return this;
        }

        /** {@code max_prompt_length}. */
        public Builder maxPromptLength(int value) {
            maxPromptLength = value;
            return this;
        }

        /** {@code eval_fraction}. */
        public Builder evalFraction(double value) {
            evalFraction = value;
            return this;
        }

        /** {@code loss}. */
        public Builder loss(LossKind value) {
            loss = value;
            return this;
        }

        /** {@code tau} (TRL's {@code beta}). */
        public Builder tau(double value) {
            tau = value;
            return this;
        }

        /** {@code label_smoothing}. */
        public Builder labelSmoothing(double value) {
            labelSmoothing = value;
            return this;
        }

        /** {@code loss_objective}. */
        public Builder lossObjective(String value) {
            lossObjective = value;
            return this;
        }

        /** {@code logp_reduction}. */
        public Builder logpReduction(LogProbReduction value) {
            logpReduction = value;
            return this;
        }

        /** {@code loss_weights}. */
        public Builder lossWeights(Map<String, Double> value) {
            lossWeights = value;
            return this;
        }

        /** {@code lambdas}. */
        public Builder lambdas(Map<String, Double> value) {
            lambdas = value;
            return this;
        }

        /** {@code thresholds}. */
        public Builder thresholds(Map<String, Double> value) {
            thresholds = value;
            return this;
        }

        /** {@code preference_values}. */
        public Builder preferenceValues(PreferenceValueSource value) {
            preferenceValues = value;
            return this;
        }

        /** {@code dual_step_size}. */
        public Builder dualStepSize(double value) {
            dualStepSize = value;
            return this;
        }

        /** {@code dual_interval}. */
        public Builder dualInterval(int value) {
            dualInterval = value;
            return this;
        }

        /** {@code dual_estimator}. */
        public Builder dualEstimator(EstimatorKind value) {
            dualEstimator = value;
            return this;
        }

        /** {@code estimate_ema}. */
        public Builder estimateEma(double value) {
            estimateEma = value;
            return this;
        }

        /** {@code max_lambda}. */
        public Builder maxLambda(double value) {
            maxLambda = value;
            return this;
        }

        /** {@code dual_solve}. */
        public Builder dualSolve(boolean value) {
            dualSolve = value;
            return this;
        }

        /** {@code dual_window}. */
        public Builder dualWindow(int value) {
            dualWindow = value;
            return this;
        }

        /** {@code epsilon}. */
        public Builder epsilon(double value) {
            epsilon = value;
            return this;
        }

        /** {@code chi_step_size}. */
        public Builder chiStepSize(double value) {
            chiStepSize = value;
            return this;
        }

        /** {@code barrier_strength}. */
        public Builder barrierStrength(double value) {
            barrierStrength = value;
            return this;
        }

        /** {@code barrier_knee}. */
        public Builder barrierKnee(double value) {
            barrierKnee = value;
            return this;
        }

        /** {@code ratchet_period}: 0 for never. */
        public Builder ratchetPeriod(long value) {
            ratchetPeriod = value;
            return this;
        }

        /** {@code threshold_relaxation}. */
        public Builder thresholdRelaxation(double value) {
            thresholdRelaxation = value;
            return this;
        }

        /**
         * The paper's settings for text (its Table 3; spec §10): {@code tau} 0.08, {@code epsilon} 0.15, thresholds
         * ratcheting every {@code ratchet_period} 500 steps with {@code threshold_relaxation} 0.9995, batches of 8
         * pairs, and one multiplier step per optimiser step on that step's pairs. Settings given later override
         * them.
         */
        public Builder paperTextSettings() {
            DataDualConfig paper = DataDualConfig.PAPER;
            return tau(0.08).epsilon(paper.epsilon()).ratchetPeriod(paper.ratchet().period())
                    .thresholdRelaxation(paper.ratchet().thresholdRelaxation()).batchSize(8)
                    .dualInterval(paper.interval()).dualSolve(paper.solve()).dualWindow(paper.windowPairs());
        }

        /** {@code learning_rate}. */
        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        /** {@code warmup_steps}. */
        public Builder warmupSteps(int value) {
            warmupSteps = value;
            return this;
        }

        /** {@code lr_schedule}. */
        public Builder lrSchedule(LrSchedule value) {
            lrSchedule = value;
            return this;
        }

        /** {@code weight_decay}. */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** {@code max_grad_norm}. */
        public Builder maxGradNorm(double value) {
            maxGradNorm = value;
            return this;
        }

        /** {@code batch_size}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** {@code gradient_accumulation}. */
        public Builder gradientAccumulation(int value) {
            gradientAccumulation = value;
            return this;
        }

        /** {@code epochs}. */
        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** {@code max_steps}. */
        public Builder maxSteps(int value) {
            maxSteps = value;
            return this;
        }

        /** {@code output}. */
        public Builder output(Path value) {
            output = value;
            return this;
        }

        /** {@code device}. */
        public Builder device(String value) {
            device = value;
            return this;
        }

        /** {@code precision}. */
        public Builder precision(Precision value) {
            precision = value;
            return this;
        }

        /** {@code seed}. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** {@code eval_interval}. */
        public Builder evalInterval(int value) {
            evalInterval = value;
            return this;
        }

        /** {@code save_interval}. */
        public Builder saveInterval(int value) {
            saveInterval = value;
            return this;
        }

        /** {@code save_total_limit}. */
        public Builder saveTotalLimit(int value) {
            saveTotalLimit = value;
            return this;
        }

        /** {@code logging_steps}. */
        public Builder loggingSteps(int value) {
            loggingSteps = value;
            return this;
        }

        /** {@code max_skipped_steps}. */
        public Builder maxSkippedSteps(int value) {
            maxSkippedSteps = value;
            return this;
        }

        /** The configuration; the first bad setting is an {@link IllegalArgumentException} naming its key. */
        public TrainConfig build() {
            RuntimeSettings runtimeSettings = new RuntimeSettings(output, device, precision, seed, evalInterval,
                    saveInterval, saveTotalLimit, loggingSteps, maxSkippedSteps);
            ModelSettings modelSettings = new ModelSettings(model, reference == null ? model : reference,
                    referenceMode, referencePrecision, referenceCache == null ? output : referenceCache);
            DataSettings dataSettings = new DataSettings(datasetPreset, datasetPath, datasetOptions, chatTemplate,
                    objectives, new TokenLimits(maxLength, maxPromptLength), evalFraction);
            LossSettings lossSettings = new LossSettings(loss, tau, labelSmoothing, lossObjective, logpReduction,
                    lossWeights, lambdas, thresholds, preferenceValues);
            DualSettings dualSettings = new DualSettings(dualStepSize, dualInterval, dualEstimator, estimateEma,
                    maxLambda, dualSolve, dualWindow, epsilon, chiStepSize, barrierStrength, barrierKnee, ratchetPeriod,
                    thresholdRelaxation);
            OptimizerSettings optimizerSettings = new OptimizerSettings(learningRate, warmupSteps, lrSchedule,
                    weightDecay, maxGradNorm, batchSize, gradientAccumulation, epochs, maxSteps);
            return new TrainConfig(modelSettings, dataSettings, lossSettings, dualSettings, optimizerSettings,
                    runtimeSettings);
        }
    }

}
