package dev.mopo.cli;

import dev.mopo.bench.measure.MatmulPeak;
import dev.mopo.bench.model.PyTorchThreads;
import dev.mopo.bench.trainspeed.SpeedWorkload;
import dev.mopo.bench.trainspeed.TrainSpeedBenchmark;
import dev.mopo.bench.trainspeed.TrainSpeedComparison;
import dev.mopo.bench.trainspeed.TrainSpeedFiles;
import dev.mopo.bench.trainspeed.TrainSpeedResult;
import dev.mopo.bench.trainspeed.UsefulFlops;
import dev.mopo.djl.train.config.SamplingStrategy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo bench train-speed}: seconds per optimiser step of mopo's trainer, beside TRL's DPOTrainer. */
@Command(
        name = "train-speed",
        mixinStandardHelpOptions = true,
        description = {
            "Train with IPO (8 pairs a step, reference log-probs precomputed, AdamW, fp32, CPU) and print seconds per"
                    + " step, tokens/s, the reference pass's tokens/s, peak memory and model FLOPs utilisation (the"
                    + " FLOPs a step cannot do without over this machine's measured matrix-multiply rate), as text"
                    + " and as one JSON line.",
            "Without --model and --corpus: a small random-init Llama with a character vocabulary on generated pairs"
                    + " of exactly 64 + 64 tokens, both written into --output unless there. With them: the"
                    + " realistic workloads of mopo-bench/src/test/fixtures/make_speed_inputs.py (a 32 000-token BPE"
                    + " vocabulary, HH-RLHF-like and PKU-SafeRLHF-like lengths).",
            "The same run with TRL's DPOTrainer is mopo-bench/src/test/fixtures/trl_train_speed.py; pass its JSON"
                    + " files as --compare to print all side by side with the ratios;"
                    + " mopo-bench/src/test/bench/run_train_speed.sh alternates the rounds."
        },
        sortOptions = false)
final class TrainSpeedCommand implements Callable<Integer> {

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "Folder of the run (and of the built-in"
            + " model and corpus; default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("bench-out", "train-speed");

    @Option(names = "--model", paramLabel = "DIR", description = "A checkpoint to train instead of the built-in one"
            + " (with --corpus).")
    private Path model;

    @Option(names = "--corpus", paramLabel = "FILE", description = "A generic-preset JSONL corpus with the objective"
            + " 'preferred', prompts written out (with --model).")
    private Path corpus;

    @Option(names = "--max-length", paramLabel = "TOKENS", description = "max_length with --corpus (default:"
            + " ${DEFAULT-VALUE}).")
    private int maxLength = 512;

    @Option(names = "--train-sampling-strategy", paramLabel = "ORDER", description = "${COMPLETION-CANDIDATES}: the"
            + " batches' order (default: ${DEFAULT-VALUE}, the TRL script's batches one for one).")
    private SamplingStrategy sampling = SamplingStrategy.SEQUENTIAL;

    @Option(names = "--steps", description = "Timed optimiser steps (default: ${DEFAULT-VALUE}).")
    private int steps = 30;

    @Option(names = "--warmup", description = "Untimed optimiser steps first (default: ${DEFAULT-VALUE}).")
    private int warmup = 5;

    @Option(names = "--threads", description = "PyTorch intra-op threads; inter-op threads are 1 (default: the"
            + " available cores, ${DEFAULT-VALUE}).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--pairs", description = "Pairs in a newly written built-in corpus (default: ${DEFAULT-VALUE}).")
    private int pairs = 400;

    @Option(names = "--compare", paramLabel = "FILE", description = "The JSON of trl_train_speed.py, to compare with;"
            + " repeatable (e.g. TRL's default and best settings).")
    private List<Path> compare = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        if ((model == null) != (corpus == null)) {
            throw new IllegalArgumentException("--model and --corpus go together: give both (a realistic workload) or"
                    + " neither (the built-in one)");
        }
        if (pairs < TrainSpeedBenchmark.BATCH_PAIRS) {
            throw new IllegalArgumentException("--pairs must be at least one batch of " + TrainSpeedBenchmark.BATCH_PAIRS
                    + ", got " + pairs);
        }
        List<TrainSpeedResult> peers = new ArrayList<>();
        for (Path file : compare) {
            peers.add(TrainSpeedResult.read(file));
        }
        int actualThreads = PyTorchThreads.configure(threads);
        SpeedWorkload workload = model == null
                ? SpeedWorkload.uniform(TrainSpeedFiles.prepare(out, pairs, TrainSpeedCommand::say))
                : SpeedWorkload.of(model, corpus, maxLength, sampling);
        say("training " + warmup + " warm-up + " + steps + " timed steps on " + actualThreads + " PyTorch threads, "
                + workload.sampling() + " batches of " + workload.corpus());
        Path runs = out.resolve("runs").resolve("mopo");
        TrainSpeedResult result = new TrainSpeedBenchmark(workload, runs).run(warmup, steps, TrainSpeedCommand::say);
        double flopsPerToken = UsefulFlops.perToken(TrainSpeedBenchmark.config(workload, runs, 1));
        double peak = MatmulPeak.measure();
        say(String.format(Locale.ROOT, "measured fp32 matrix-multiply rate: %.1f GFLOP/s on %d threads; useful"
                + " training FLOPs %.1f MFLOP per token", peak / 1e9, actualThreads, flopsPerToken / 1e6));
        System.out.println("mopo: " + result.summary());
        System.out.println(result.toJson());
        System.out.print(TrainSpeedComparison.format(result, peers, flopsPerToken, peak));
        return 0;
    }

    private static void say(String line) {
        System.out.println("mopo bench train-speed: " + line);
    }
}
