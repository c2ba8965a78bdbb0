package dev.mopo.cli;

import dev.mopo.bench.model.PyTorchThreads;
import dev.mopo.bench.trainspeed.ScoringSpeed;
import dev.mopo.bench.trainspeed.ScoringSpeed.Timing;
import dev.mopo.bench.trainspeed.ScoringSpeed.Variant;
import dev.mopo.bench.trainspeed.SpeedWorkload;
import dev.mopo.bench.trainspeed.TrainSpeedBenchmark;
import dev.mopo.djl.train.config.SamplingStrategy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo bench scoring-speed}: what each of the trainer's scoring changes saves, measured alone. */
@Command(
        name = "scoring-speed",
        mixinStandardHelpOptions = true,
        description = {
            "Score a workload's batches (8 pairs each, file order) three ways — a row per response with logits at"
                    + " every position (TRL's computation), a row per response with the output head only where a"
                    + " response token is predicted, and a row per pair with the prompt computed once (the trainer's"
                    + " way) — forward and backward, and forward only (the reference pass), alternating rounds;"
                    + " print seconds per batch and the speed-ups over the first way.",
            "The workloads are those of mopo-bench/src/test/fixtures/make_speed_inputs.py."
        },
        sortOptions = false)
final class ScoringSpeedCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR", required = true, description = "The checkpoint (required).")
    private Path model;

    @Option(names = "--corpus", paramLabel = "FILE", required = true, description = "A generic-preset JSONL corpus with"
            + " the objective 'preferred' (required).")
    private Path corpus;

    @Option(names = "--max-length", paramLabel = "TOKENS", description = "max_length (default: ${DEFAULT-VALUE}).")
    private int maxLength = 512;

    @Option(names = "--batches", paramLabel = "N",
            description = "Batches scored each round (default: ${DEFAULT-VALUE}).")
    private int batches = 6;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Timed rounds, after an untimed one (default: ${DEFAULT-VALUE}).")
    private int rounds = 3;

    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads; inter-op threads are 1"
            + " (default: the available cores, ${DEFAULT-VALUE}).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (batches < 1 || rounds < 1) {
            throw new IllegalArgumentException("--batches and --rounds must be at least 1, got " + batches + " and "
                    + rounds);
        }
        PyTorchThreads.configure(threads);
        SpeedWorkload workload = SpeedWorkload.of(model, corpus, maxLength, SamplingStrategy.SEQUENTIAL);
        Map<Variant, Timing> timings = ScoringSpeed.measure(TrainSpeedBenchmark.config(workload, Path.of("unused"), 1),
                batches, rounds, line -> System.out.println("mopo bench scoring-speed: " + line));
        Timing baseline = timings.get(Variant.ROWS_FULL_LOGITS);
        System.out.printf(Locale.ROOT, "%-34s %14s %10s %14s %10s%n", "scoring", "train s/batch", "speed-up",
                "infer s/batch", "speed-up");
        timings.forEach((variant, timing) -> System.out.printf(Locale.ROOT, "%-34s %14.4f %9.2fx %14.4f %9.2fx%n",
                variant.label(), timing.trainingSeconds(), baseline.trainingSeconds() / timing.trainingSeconds(),
                timing.inferenceSeconds(), baseline.inferenceSeconds() / timing.inferenceSeconds()));
        return 0;
    }
}
