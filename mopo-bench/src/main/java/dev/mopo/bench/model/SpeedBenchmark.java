package dev.mopo.bench.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mopo.bench.measure.ProcessMemory;
import dev.mopo.core.io.Folders;
import dev.mopo.djl.checkpoint.CheckpointWriter;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.SequenceLogProbs;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Forward+backward speed of a randomly initialised fp32 model on the CPU: the loss is the mean
 * next-token cross-entropy over every position of random token ids (from {@link LogProbs}), and
 * each step runs the forward pass and backward to every weight's gradient (no optimiser; gradients
 * accumulate). Warm-up steps are run first and not timed.
 */
public final class SpeedBenchmark {

    private final LlamaShape shape;
    private final int batch;
    private final int sequence;
    private final long seed;

    /** A benchmark of {@code shape} on {@code batch} random sequences of {@code sequence} tokens. */
    public SpeedBenchmark(LlamaShape shape, int batch, int sequence, long seed) {
        if (batch < 1 || sequence < 2) {
            throw new IllegalArgumentException("batch must be >= 1 and sequence >= 2, got " + batch + " and " + sequence);
        }
        this.shape = shape;
        this.batch = batch;
        this.sequence = sequence;
        this.seed = seed;
    }

    /**
     * Runs {@code warmup} untimed and {@code steps} timed steps; {@code progress} hears each step
     * number as it ends. Call {@link PyTorchThreads#configure} first and pass its count as {@code threads}.
     */
    public SpeedFigures run(int warmup, int steps, int threads, IntConsumer progress) throws IOException {
        if (warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("warm-up must be >= 0 and steps >= 1, got " + warmup + " and " + steps);
        }
        try (CausalLm model = randomModel(); NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray ids = manager.create(randomIds(), new Shape(batch, sequence));
            NDArray scored = manager.ones(new Shape(batch, sequence), DataType.INT64);
            double loss = 0;
            long timedNanos = 0;
            for (int step = 1; step <= warmup + steps; step++) {
                long start = System.nanoTime();
                loss = step(model, ids, scored);
                if (step > warmup) {
                    timedNanos += System.nanoTime() - start;
                }
                progress.accept(step);
            }
            double msPerStep = timedNanos / 1e6 / steps;
            double tokensPerSecond = (double) batch * sequence / (msPerStep / 1000);
            return new SpeedFigures(implementation(), threads, batch, sequence, model.numParameters(), steps,
                    msPerStep, tokensPerSecond, ProcessMemory.now().peakRss(), loss);
        }
    }

    /** One forward+backward; returns the loss. */
    private static double step(CausalLm model, NDArray ids, NDArray scored) {
        try (NDScope scope = new NDScope(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            scope.suppressNotUsedWarning();
            SequenceLogProbs logProbs = LogProbs.score(model.block(), model.parameterStore(), ids, null, scored, true);
            NDArray loss = logProbs.sum().sum().neg().div(logProbs.count().sum());
            collector.backward(loss);
            return loss.getFloat();
        }
    }

    /** Writes a random bf16 checkpoint to a temporary folder, loads it as fp32, and deletes the folder. */
    private CausalLm randomModel() throws IOException {
        Path folder = Files.createTempDirectory("mopo-model-speed");
        try {
            RandomCheckpoint.write(shape, folder, seed, CheckpointWriter.DEFAULT_MAX_SHARD_BYTES);
            return CausalLm.load(folder, Device.cpu(), DataType.FLOAT32);
        } finally {
            Folders.deleteRecursively(folder);
        }
    }

    private long[] randomIds() {
        SplittableRandom random = new SplittableRandom(seed);
        long[] ids = new long[batch * sequence];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = random.nextInt(shape.vocab());
        }
        return ids;
    }

    private static String implementation() {
        return "mopo (DJL " + Engine.getDjlVersion() + ", PyTorch " + Engine.getEngine("PyTorch").getVersion() + ")";
    }
}
