package dev.mopo.cli;

import dev.mopo.bench.model.GenerateSpeedBenchmark;
import dev.mopo.bench.model.GenerateSpeedComparison;
import dev.mopo.bench.model.GenerateSpeedFigures;
import dev.mopo.bench.model.LlamaShape;
import dev.mopo.bench.model.PyTorchThreads;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo bench generate}: greedy generation tokens/s of mopo's generator, beside transformers' generate. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generate greedily with the KV cache from a batch of random prompts (default 8 x 64 tokens, 128 new"
                    + " tokens per row, every row its whole budget, fp32, CPU) and print tokens/s and peak memory.",
            "Writes a random-init Llama (hidden 512, 8 layers, vocab 32000) into --model unless it holds one. The"
                    + " same run with transformers is mopo-bench/scripts/generate_speed.py on that folder; pass its"
                    + " --json output as --compare to print both and the ratio"
                    + " (mopo-bench/src/test/bench/run_generate_speed.sh alternates the two)."
        },
        sortOptions = false)
final class GenerateSpeedCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "DIR", description = "The checkpoint folder (default: ${DEFAULT-VALUE}).")
    private Path model = Path.of("bench-out", "generate-speed", "model");

    @Option(names = "--batch", description = "Prompts per round (default: ${DEFAULT-VALUE}).")
    private int batch = 8;

    @Option(names = "--prompt-tokens", description = "Tokens per prompt (default: ${DEFAULT-VALUE}).")
    private int promptTokens = 64;

    @Option(names = "--new-tokens", description = "Tokens generated per prompt (default: ${DEFAULT-VALUE}).")
    private int newTokens = 128;

    @Option(names = "--rounds", description = "Timed rounds, after one warm-up round (default: ${DEFAULT-VALUE}).")
    private int rounds = 3;

    @Option(names = "--threads", description = "PyTorch intra-op threads; inter-op threads are 1 (default: the"
            + " available cores, ${DEFAULT-VALUE}).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", description = "Seed of the prompt ids and of new random weights (default:"
            + " ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    private Path json;

    @Option(names = "--compare", paramLabel = "FILE", description = "The --json figures of generate_speed.py.")
    private Path compare;

    @Override
    public Integer call() throws Exception {
        GenerateSpeedFigures reference = compare == null ? null : GenerateSpeedFigures.read(compare);
        GenerateSpeedBenchmark benchmark = new GenerateSpeedBenchmark(model, batch, promptTokens, newTokens, seed);
        int actualThreads = PyTorchThreads.configure(threads);
        GenerateSpeedBenchmark.prepare(model, LlamaShape.LLAMA_SMALL, seed, System.out::println);
        System.out.println(benchmark.describe(actualThreads) + ", 1 warm-up + " + rounds + " timed rounds");
        GenerateSpeedFigures figures = benchmark.run(rounds, actualThreads, System.out::println);
        System.out.println(figures.summary());
        if (json != null) {
            figures.write(json);
        }
        if (reference != null) {
            System.out.print(GenerateSpeedComparison.format(figures, reference));
        }
        return 0;
    }
}
