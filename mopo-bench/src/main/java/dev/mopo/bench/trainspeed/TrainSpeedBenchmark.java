package dev.mopo.bench.trainspeed;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.mopo.bench.train.TrainConfigs;
import dev.mopo.core.io.Folders;
import dev.mopo.datasets.bench.ProcessMemory;
import dev.mopo.djl.train.TrainConfig;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    private TrainConfig config(int maxSteps) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", files.model());
        settings.put("dataset_preset", "generic");
        settings.put("dataset_path", files.corpus());
        settings.put("dataset_options", Map.of("objectives", SpeedCorpus.OBJECTIVE));
        settings.put("chat_template", "plain");
        settings.put("loss", "ipo");
        settings.put("tau", TAU);
        settings.put("logp_reduction", "mean");
        settings.put("learning_rate", LEARNING_RATE);
        settings.put("lr_schedule", "linear");
        settings.put("warmup_steps", 0);
        settings.put("weight_decay", 0.0);
        settings.put("max_grad_norm", 1.0);
        settings.put("batch_size", BATCH_PAIRS);
        settings.put("gradient_accumulation", 1);
        settings.put("max_steps", maxSteps);
        settings.put("eval_fraction", 0.0);
        settings.put("max_length", SpeedCorpus.SEQUENCE_TOKENS);
        settings.put("max_prompt_length", SpeedCorpus.PROMPT_TOKENS);
        settings.put("reference_mode", "precomputed");
        settings.put("output", output);
        return TrainConfigs.of(settings);
    }

    private static String implementation() {
        return "mopo trainer (DJL " + Engine.getDjlVersion() + ", PyTorch " + Engine.getEngine("PyTorch").getVersion()
                + ", fp32, CPU)";
    }
}
