package dev.mopo.cli;

import dev.mopo.bench.model.LlamaShape;
import dev.mopo.bench.model.LoadBenchmark;
import dev.mopo.bench.model.LoadResult;
import dev.mopo.bench.model.PyTorchThreads;
import dev.mopo.core.io.Folders;
import dev.mopo.djl.checkpoint.CheckpointWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo bench model-load}: load time and peak memory of a 1.3B Llama checkpoint. */
@Command(
        name = "model-load",
        mixinStandardHelpOptions = true,
        description = {
            "Write a randomly initialised 1.35B-parameter Llama checkpoint in bf16 (generated tensor by tensor,"
                    + " never whole in memory), load it with CausalLm.load(FLOAT32) on the CPU, and print the load"
                    + " time and the process's peak memory next to the fp32 size of the parameters"
                    + " (target: peak RSS < 1.3 x).",
            "Needs about 2.6 GB of disk for the checkpoint and 6-7 GB of RAM."
        },
        sortOptions = false)
final class ModelLoadCommand implements Callable<Integer> {

    @Option(names = {"--output", "--out"}, paramLabel = "DIR",
            description = "Checkpoint folder, absent or empty (default: a new temporary folder).")
    private Path out;

    @Option(names = "--keep", description = "Keep the checkpoint afterwards (default: delete it).")
    private boolean keep;

    @Option(names = "--max-shard-bytes", paramLabel = "BYTES",
            description = "Shard size; the default (${DEFAULT-VALUE}) writes one file over 2 GiB.")
    private long maxShardBytes = CheckpointWriter.DEFAULT_MAX_SHARD_BYTES;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: the available cores, ${DEFAULT-VALUE}).")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--seed", description = "Seed of the random weights (default: ${DEFAULT-VALUE}).")
    private long seed = 1;

    @Override
    public Integer call() throws Exception {
        int actualThreads = PyTorchThreads.configure(threads);
        Path folder = out != null ? out : Files.createTempDirectory("mopo-model-load");
        requireEmpty(folder);
        LoadResult result;
        try {
            result = LoadBenchmark.run(LlamaShape.LLAMA_1_3B, folder, seed, maxShardBytes, actualThreads);
        } finally {
            if (!keep && Files.exists(folder)) {
                Folders.deleteRecursively(folder);
            }
        }
        System.out.print(result.format());
        System.out.println(keep ? "checkpoint kept in " + folder : "checkpoint deleted");
        return 0;
    }

    private static void requireEmpty(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(folder + " is not empty: --output must name a new or empty folder"
                            + " (it is deleted afterwards unless --keep)");
                }
            }
        } else if (Files.exists(folder)) {
            throw new IllegalArgumentException(folder + " is a file: --output must name a new or empty folder");
        }
    }
}
