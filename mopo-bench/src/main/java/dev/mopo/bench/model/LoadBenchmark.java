package dev.mopo.bench.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.mopo.bench.measure.ProcessMemory;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a random bf16 checkpoint of a {@link LlamaShape} and loads it with
 * {@code CausalLm.load(FLOAT32)} on the CPU, measuring time and the process's peak memory.
 * The checkpoint is written by this process just before the load, so its pages are in the
 * page cache: the load time is a warm-cache figure.
 */
public final class LoadBenchmark {

    private static final long DISK_MARGIN_BYTES = 256L << 20;

    private LoadBenchmark() {}

    /** Runs the benchmark, writing into {@code folder}; call {@link PyTorchThreads#configure} first. */
    public static LoadResult run(LlamaShape shape, Path folder, long seed, long maxShardBytes, int threads)
            throws IOException {
        requireDiskSpace(folder, RandomCheckpoint.weightBytes(shape));
        long start = System.nanoTime();
        List<Path> files = RandomCheckpoint.write(shape, folder, seed, maxShardBytes);
        double writeSeconds = seconds(start);
        long fileBytes = 0;
        int weightFiles = 0;
        for (Path file : files) {
            if (file.getFileName().toString().endsWith(".safetensors")) {
                fileBytes += Files.size(file);
                weightFiles++;
            }
        }
        ProcessMemory before = ProcessMemory.now();
        start = System.nanoTime();
        try (CausalLm model = CausalLm.load(folder, Device.cpu(), DataType.FLOAT32)) {
            double loadSeconds = seconds(start);
            ProcessMemory after = ProcessMemory.now();
            return new LoadResult(shape, model.numParameters(), threads, weightFiles, fileBytes, writeSeconds,
                    loadSeconds, before, after);
        }
    }

    private static void requireDiskSpace(Path folder, long bytes) throws IOException {
        Path existing = folder.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        FileStore store = Files.getFileStore(existing);
        if (store.getUsableSpace() < bytes + DISK_MARGIN_BYTES) {
            throw new IOException(existing + ": the checkpoint needs " + ProcessMemory.gib(bytes) + " but only "
                    + ProcessMemory.gib(store.getUsableSpace()) + " is free; pass --output on a larger disk");
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
