package dev.mopo.cli;

import dev.mopo.bench.model.LlamaShape;
import dev.mopo.bench.model.PyTorchThreads;
import dev.mopo.bench.model.SpeedBenchmark;
import dev.mopo.bench.model.SpeedComparison;
import dev.mopo.bench.model.SpeedFigures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo bench model-speed}: forward+backward tokens/s of a small Llama on the CPU. */
@Command(
        name = "model-speed",
        mixinStandardHelpOptions = true,
        description = {
            "Time forward+backward steps (mean next-token cross-entropy, gradients for every weight) of a"
                    + " randomly initialised fp32 Llama (hidden 512, 8 layers, 8 heads, intermediate 1376, vocab"
                    + " 32000) on the CPU, and print tokens/s, ms/step and peak memory.",
            "The same run in PyTorch eager with transformers is mopo-bench/scripts/llama_speed.py; pass its --json"
                    + " output as --compare to print the ratio."
        },
        sortOptions = false)
final class ModelSpeedCommand implements Callable<Integer> {

    @Option(names = "--batch", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    private int batch = 4;

    @Option(names = "--sequence", description = "Tokens per sequence (default: ${DEFAULT-VALUE}).")
    private int sequence = 256;

    @Option(names = "--warmup", description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
    private int warmup = 2;

    @Option(names = "--steps", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    private int steps = 5;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: the available cores, ${DEFAULT-VALUE}).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", description = "Seed of the weights and token ids (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private Path json;

    @Option(names = "--compare", paramLabel = "FILE",
            description = "Figures of a reference run (llama_speed.py --json) to compare with.")
    private Path compare;

    @Override
    public Integer call() throws Exception {
        SpeedFigures reference = compare == null ? null : SpeedFigures.read(compare);
        int actualThreads = PyTorchThreads.configure(threads);
        LlamaShape shape = LlamaShape.LLAMA_SMALL;
        System.out.println(shape.describe());
        System.out.printf("batch %d x sequence %d, fp32, CPU, %d PyTorch threads (1 inter-op), %d warm-up + %d timed"
                + " steps%n", batch, sequence, actualThreads, warmup, steps);
        SpeedFigures figures = new SpeedBenchmark(shape, batch, sequence, seed)
                .run(warmup, steps, actualThreads, step -> System.out.printf("step %d/%d%n", step, warmup + steps));
        System.out.println(figures.summary());
        if (json != null) {
            figures.write(json);
        }
        if (reference != null) {
            System.out.print(SpeedComparison.format(figures, reference));
        }
        return 0;
    }
}
