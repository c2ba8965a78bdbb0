package dev.mopo.djl.train.config;

import dev.mopo.core.dual.DataDualConfig;
import java.nio.file.Path;
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
    public static TrainConfigBuilder builder() {
        return new TrainConfigBuilder();
    }

    /**
     * A builder holding the paper's settings for text (its Table 3; spec §10): {@code tau} 0.08,
     * {@code epsilon} 0.15, thresholds ratcheting every {@code ratchet_period} 500 steps with
     * {@code threshold_relaxation} 0.9995, batches of 8 pairs, and one multiplier step per optimiser
     * step on that step's pairs. Settings given later override them.
     */
    public static TrainConfigBuilder paperTextBuilder() {
        DataDualConfig paper = DataDualConfig.PAPER;
        return builder().tau(0.08).epsilon(paper.epsilon()).ratchetPeriod(paper.ratchet().period())
                .thresholdRelaxation(paper.ratchet().thresholdRelaxation()).batchSize(8)
                .dualInterval(paper.interval()).dualSolve(paper.solve()).dualWindow(paper.windowPairs());
    }

    /** A builder starting from these settings. */
    public TrainConfigBuilder toBuilder() {
        return new TrainConfigBuilder()
                .model(model.model()).reference(model.reference()).referenceMode(model.referenceMode())
                .referencePrecision(model.referencePrecision()).referenceCache(model.referenceCache())
                .datasetPreset(data.datasetPreset()).datasetPath(data.datasetPath())
                .datasetOptions(data.datasetOptions()).chatTemplate(data.chatTemplate()).objectives(data.objectives())
                .maxLength(data.tokenLimits().maxLength()).maxPromptLength(data.tokenLimits().maxPromptLength())
                .evalFraction(data.evalFraction()).trainSamplingStrategy(data.trainSamplingStrategy())
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
}
