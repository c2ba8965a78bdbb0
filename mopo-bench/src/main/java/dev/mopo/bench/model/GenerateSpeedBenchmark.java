package dev.mopo.bench.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import dev.mopo.bench.measure.ProcessMemory;
import dev.mopo.djl.checkpoint.CheckpointWriter;
import dev.mopo.djl.generate.GenerationConfig;
import dev.mopo.djl.generate.Generator;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Greedy generation throughput of mopo's {@link Generator} on the CPU — the run of
 * {@code mopo-bench/scripts/generate_speed.py} with transformers: a checkpoint loaded as fp32, a batch of
 * random prompts (fixed seed, ids from {@code [3, vocab)} so no pad/bos/eos, all the same length so no
 * padding), greedy decoding with the KV cache of exactly {@code newTokens} tokens per row. The script
 * forces that length with {@code min_new_tokens = max_new_tokens} (eos suppressed); here no stop id is
 * given, so every row runs its whole budget — the same forward passes. One untimed warm-up round, then
 * timed rounds; tokens/s counts generated tokens ({@code batch · newTokens} a round) with the prefill
 * inside the timing.
 */
public final class GenerateSpeedBenchmark {

    private final Path model;
    private final int batch;
    private final int promptTokens;
    private final int newTokens;
    private final long seed;

    /** A benchmark of the checkpoint in {@code model}: {@code batch} prompts of {@code promptTokens} ids, {@code newTokens} new. */
    public GenerateSpeedBenchmark(Path model, int batch, int promptTokens, int newTokens, long seed) {
        if (batch < 1 || promptTokens < 1 || newTokens < 1) {
            throw new IllegalArgumentException("batch, prompt tokens and new tokens must be >= 1, got " + batch + ", "
                    + promptTokens + " and " + newTokens);
        }
        this.model = model;
        this.batch = batch;
        this.promptTokens = promptTokens;
        this.newTokens = newTokens;
        this.seed = seed;
    }

    /**
     * Writes a random bf16 checkpoint of {@code shape} (seed {@code seed}) into {@code folder} unless it
     * has a config.json already, so that repeated runs and the Python script read the same weights.
     */
    public static void prepare(Path folder, LlamaShape shape, long seed, Consumer<String> log) throws IOException {
        if (Files.isRegularFile(folder.resolve("config.json"))) {
            log.accept("using the model in " + folder);
            return;
        }
        log.accept("writing a random-init " + shape.describe() + " to " + folder);
        RandomCheckpoint.write(shape, folder, seed, CheckpointWriter.DEFAULT_MAX_SHARD_BYTES);
    }

    /**
     * Runs one warm-up and {@code rounds} timed rounds; {@code progress} hears a line per round. Call
     * {@link PyTorchThreads#configure} first and pass its count as {@code threads}.
     */
    public GenerateSpeedFigures run(int rounds, int threads, Consumer<String> progress) throws IOException {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        try (CausalLm lm = CausalLm.load(model, Device.cpu(), DataType.FLOAT32)) {
            int limit = lm.config().maxPositions();
            if (promptTokens + newTokens > limit) {
                throw new IllegalArgumentException("prompt + new tokens = " + (promptTokens + newTokens)
                        + " exceed the model's " + limit + " positions");
            }
            List<long[]> prompts = prompts(lm.config().vocabSize());
            Generator generator = new Generator(lm);
            GenerationConfig config = GenerationConfig.greedy(newTokens, List.of(), 0);
            double timed = 0;
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                List<long[]> outputs = generator.generate(prompts, config);
                double seconds = (System.nanoTime() - start) / 1e9;
                for (long[] output : outputs) {
                    if (output.length != newTokens) {
                        throw new IllegalStateException("generated " + output.length + " tokens, expected " + newTokens);
                    }
                }
                if (round > 0) {
                    timed += seconds;
                }
                progress.accept(String.format(Locale.ROOT, "%s: %.2f s, %,.1f tokens/s",
                        round == 0 ? "warm-up" : "round " + round + "/" + rounds, seconds, batch * newTokens / seconds));
            }
            return new GenerateSpeedFigures(implementation(), model.toAbsolutePath().normalize().toString(),
                    "composed: matMul, additive mask, softmax", threads, batch, promptTokens, newTokens,
                    lm.numParameters(), seed, 1, rounds, timed / rounds, timed * 1000 / ((double) rounds * newTokens),
                    (double) batch * newTokens * rounds / timed, ProcessMemory.now().peakRss());
        }
    }

    /** The run's settings in words. */
    public String describe(int threads) {
        return String.format(Locale.ROOT, "batch %d x prompt %d + %d new tokens, greedy, fp32, CPU, %d threads"
                + " (1 inter-op)", batch, promptTokens, newTokens, threads);
    }

    private List<long[]> prompts(int vocab) {
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> prompts = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            prompts.add(random.longs(promptTokens, 3, vocab).toArray());
        }
        return prompts;
    }

    private static String implementation() {
        return "mopo Generator (DJL " + Engine.getDjlVersion() + ", PyTorch " + Engine.getEngine("PyTorch").getVersion()
                + ")";
    }
}
