package dev.mopo.bench.trainspeed;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.io.Folders;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.bench.measure.ProcessMemory;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingSession;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.LrSchedule;
import dev.mopo.djl.train.config.ReferenceMode;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * mopo's side of the training benchmark: IPO (token-mean log-probs, as TRL's {@code ipo}) on
 * the benchmark corpus with {@link #BATCH_PAIRS} pairs a step, reference log-probs precomputed,
 * AdamW with a linear schedule, no evaluation, for warm-up plus timed optimiser steps. Seconds
 * per step exclude the warm-up steps, loading and the reference pass; the peak resident set is
 * the whole process's.
 */
public final class TrainSpeedBenchmark {

    /** Pairs per optimiser step (one micro-batch). */
    public static final int BATCH_PAIRS = 8;
    /** The peak learning rate, on both sides (TRL's DPO default). */
    static final double LEARNING_RATE = 1e-6;
    /** IPO's tau (TRL's beta). */
    static final double TAU = 0.1;

    private final TrainSpeedFiles files;
    private final Path output;

    /** A benchmark on {@code files}, training into {@code output} (replaced on every run). */
    public TrainSpeedBenchmark(TrainSpeedFiles files, Path output) {
        this.files = files;
        this.output = output;
    }

    /** Trains {@code warmup + steps} optimiser steps, telling {@code log} of each, and measures the last {@code steps}. */
    public TrainSpeedResult run(int warmup, int steps, Consumer<String> log) throws IOException {
        if (warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and steps >= 1, got " + warmup + " and " + steps);
        }
        Folders.deleteRecursively(output);
        StepClock clock = new StepClock(log);
        long start = System.nanoTime();
        double setupSeconds;
        try (Trainer trainer = TrainingSession.open(config(warmup + steps), false, clock)) {
            setupSeconds = (System.nanoTime() - start) / 1e9;
            trainer.fit();
        }
        return new TrainSpeedResult("mopo", implementation(), "eager: matMul, additive mask, softmax",
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), BATCH_PAIRS, warmup,
                clock.tokensPerStepAfter(warmup), clock.secondsAfter(warmup), setupSeconds,
                ProcessMemory.now().peakRss());
    }

    private TrainConfig config(int maxSteps) {
        return TrainConfig.builder()
                .model(files.model())
                .datasetPreset("generic")
                .datasetPath(files.corpus())
                .datasetOptions(Map.of("objectives", SpeedCorpus.OBJECTIVE))
                .chatTemplate(TemplateChoice.PLAIN)
                .loss(LossKind.IPO)
                .tau(TAU)
                .logpReduction(LogProbReduction.MEAN)
                .learningRate(LEARNING_RATE)
                .lrSchedule(LrSchedule.LINEAR)
                .warmupSteps(0)
                .weightDecay(0.0)
                .maxGradNorm(1.0)
                .batchSize(BATCH_PAIRS)
                .gradientAccumulation(1)
                .maxSteps(maxSteps)
                .evalFraction(0.0)
                .maxLength(SpeedCorpus.SEQUENCE_TOKENS)
                .maxPromptLength(SpeedCorpus.PROMPT_TOKENS)
                .referenceMode(ReferenceMode.PRECOMPUTED)
                .output(output)
                .build();
    }

    private static String implementation() {
        return "mopo trainer (DJL " + Engine.getDjlVersion() + ", PyTorch " + Engine.getEngine("PyTorch").getVersion()
                + ", fp32, CPU)";
    }
}
