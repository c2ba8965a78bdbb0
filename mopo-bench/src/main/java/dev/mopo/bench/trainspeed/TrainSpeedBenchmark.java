package dev.mopo.bench.trainspeed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.mopo.bench.measure.ProcessMemory;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.io.Folders;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingSession;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.LrSchedule;
import dev.mopo.djl.train.config.ReferenceMode;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.data.Split;
import dev.mopo.djl.train.data.TrainingData;
import dev.mopo.djl.train.reference.ReferenceLogProbs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * mopo's side of the training benchmark: IPO (token-mean log-probs, as TRL's {@code ipo}) on
 * a {@link SpeedWorkload} with {@link #BATCH_PAIRS} pairs a step, reference log-probs
 * precomputed, AdamW with a linear schedule, no evaluation, for warm-up plus timed optimiser
 * steps. Seconds per step exclude the warm-up steps, loading and the reference pass; the peak
 * resident set is the whole process's. The reference pass is also timed on its own, first: the
 * reference model loaded, then every training pair scored, as TRL's precompute does with the
 * model it already holds.
 */
public final class TrainSpeedBenchmark {

    /** Pairs per optimiser step (one micro-batch). */
    public static final int BATCH_PAIRS = 8;
    /** The peak learning rate, on both sides (TRL's DPO default). */
    static final double LEARNING_RATE = 1e-6;
    /** IPO's tau (TRL's beta). */
    static final double TAU = 0.1;

    private final SpeedWorkload workload;
    private final Path output;

    /** A benchmark of {@code workload}, training into {@code output} (replaced on every run). */
    public TrainSpeedBenchmark(SpeedWorkload workload, Path output) {
        this.workload = workload;
        this.output = output;
    }

    /**
     * Times the reference pass, then trains {@code warmup + steps} optimiser steps, telling
     * {@code log} of each, and measures the last {@code steps}.
     */
    public TrainSpeedResult run(int warmup, int steps, Consumer<String> log) throws IOException {
        if (warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and steps >= 1, got " + warmup + " and " + steps);
        }
        Folders.deleteRecursively(output);
        TrainConfig config = config(workload, output, warmup + steps);
        ReferencePass reference = timeReferencePass(config);
        log.accept(String.format("reference pass: %d tokens in %.2f s", reference.tokens(), reference.seconds()));
        StepClock clock = new StepClock(log);
        long start = System.nanoTime();
        double setupSeconds;
        try (Trainer trainer = TrainingSession.open(config, false, clock)) {
            setupSeconds = (System.nanoTime() - start) / 1e9;
            trainer.fit();
        }
        return new TrainSpeedResult("mopo", workload.sampling().key(), implementation(),
                "eager: matMul, additive mask, softmax",
                JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(), BATCH_PAIRS, warmup,
                clock.tokensAfter(warmup), clock.secondsAfter(warmup), reference.tokens(), reference.seconds(),
                setupSeconds, ProcessMemory.now().peakRss());
    }

    /** The tokens of every training pair, and the time to score them all with a freshly loaded reference. */
    private static ReferencePass timeReferencePass(TrainConfig config) throws IOException {
        try (TrainingData data = TrainingData.open(config)) {
            long tokens = CorpusTokens.of(data).counted();
            try (CausalLm reference = CausalLm.load(config.model().reference(), Device.cpu(), DataType.FLOAT32);
                    BatchStream batches = data.byLength(Split.TRAIN)) {
                long start = System.nanoTime();
                ReferenceLogProbs.compute(reference, batches, data.survey().trainPairs(), done -> { });
                return new ReferencePass(tokens, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    private record ReferencePass(long tokens, double seconds) {}

    /** The run's settings: IPO on {@code workload} for {@code maxSteps} steps, written to {@code output}. */
    public static TrainConfig config(SpeedWorkload workload, Path output, int maxSteps) {
        return TrainConfig.builder()
                .model(workload.model())
                .datasetPreset("generic")
                .datasetPath(workload.corpus())
                .datasetOptions(Map.of("objectives", SpeedCorpus.OBJECTIVE))
                .chatTemplate(workload.template())
                .trainSamplingStrategy(workload.sampling())
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
                .maxLength(workload.maxLength())
                .maxPromptLength(workload.maxPromptLength())
                .referenceMode(ReferenceMode.PRECOMPUTED)
                .output(output)
                .build();
    }

    private static String implementation() {
        return "mopo trainer (DJL " + Engine.getDjlVersion() + ", PyTorch " + Engine.getEngine("PyTorch").getVersion()
                + ", fp32, CPU)";
    }
}
