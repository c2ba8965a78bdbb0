package dev.mopo.cli;

import dev.mopo.bench.model.PyTorchThreads;
import dev.mopo.bench.trainspeed.TrainSpeedBenchmark;
import dev.mopo.bench.trainspeed.TrainSpeedComparison;
import dev.mopo.bench.trainspeed.TrainSpeedFiles;
import dev.mopo.bench.trainspeed.TrainSpeedResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo bench train-speed}: seconds per optimiser step of mopo's trainer, beside TRL's DPOTrainer. */
@Command(
        name = "train-speed",
        mixinStandardHelpOptions = true,
        description = {
            "Train a small random-init Llama (hidden 256, 4 layers, 4 heads, 4 kv heads, intermediate 688, character"
                    + " vocabulary) with IPO on generated pairs (8 pairs a step, every sequence 128 tokens, reference"
                    + " log-probs precomputed, AdamW, fp32, CPU) and print seconds per step, tokens/s and peak memory,"
                    + " as text and as one JSON line.",
            "Writes the model and the corpus into --output unless they are there. The same run with TRL's DPOTrainer"
                    + " is mopo-bench/src/test/fixtures/trl_train_speed.py on that folder; pass its JSON as --compare"
                    + " to print both and the ratios."
        },
        sortOptions = false)
final class TrainSpeedCommand implements Callable<Integer> {

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "Folder of the model, the corpus and the run (default:"
            + " ${DEFAULT-VALUE}).")
    private Path out = Path.of("bench-out", "train-speed");

    @Option(names = "--steps", description = "Timed optimiser steps (default: ${DEFAULT-VALUE}).")
    private int steps = 30;

    @Option(names = "--warmup", description = "Untimed optimiser steps first (default: ${DEFAULT-VALUE}).")
    private int warmup = 5;

    @Option(names = "--threads", description = "PyTorch intra-op threads; inter-op threads are 1 (default: the"
            + " available cores, ${DEFAULT-VALUE}).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--pairs", description = "Pairs in a newly written corpus (default: ${DEFAULT-VALUE}).")
    private int pairs = 400;

    @Option(names = "--compare", paramLabel = "FILE", description = "The JSON of trl_train_speed.py, to compare with.")
    private Path compare;

    @Override
    public Integer call() throws Exception {
        if (pairs < TrainSpeedBenchmark.BATCH_PAIRS) {
            throw new IllegalArgumentException("--pairs must be at least one batch of " + TrainSpeedBenchmark.BATCH_PAIRS
                    + ", got " + pairs);
        }
        TrainSpeedResult reference = compare == null ? null : TrainSpeedResult.read(compare);
        int actualThreads = PyTorchThreads.configure(threads);
        TrainSpeedFiles files = TrainSpeedFiles.prepare(out, pairs, TrainSpeedCommand::say);
        say("training " + warmup + " warm-up + " + steps + " timed steps on " + actualThreads + " PyTorch threads");
        TrainSpeedResult result = new TrainSpeedBenchmark(files, out.resolve("runs").resolve("mopo"))
                .run(warmup, steps, TrainSpeedCommand::say);
        System.out.println("mopo: " + result.summary());
        System.out.println(result.toJson());
        if (reference != null) {
            System.out.print(TrainSpeedComparison.format(result, reference));
        }
        return 0;
    }

    private static void say(String line) {
        System.out.println("mopo bench train-speed: " + line);
    }
}
