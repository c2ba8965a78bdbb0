package dev.mopo.bench.data;

import dev.mopo.bench.measure.ProcessMemory;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.datasets.batch.TokenEncoder;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.template.ChatTemplate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Reads a corpus end to end through {@link BatchStream} (read, label, render, tokenise,
 * truncate, pad, batch) and measures pairs per second and memory: the process's peak resident
 * set, the heap's peak, and the resident set sampled as the read goes on, which stays flat when
 * memory does not grow with the file.
 *
 * <p>{@code mopo bench data} runs it; {@code mopo-bench/src/test/bench/run_data_bench.sh} runs
 * that beside the Hugging Face {@code datasets} reference.
 */
public final class DataBenchmark {

    /** Pairs between two samples of the resident set. */
    public static final int SAMPLE_EVERY = 10_000;

    /**
     * What one run measured.
     *
     * @param pairs pairs batched
     * @param batches batches made
     * @param tokens prompt and response tokens over both rows of every pair, padding excluded
     * @param seconds wall time from opening the file to the last batch
     * @param peakResidentBytes the process's peak resident set (-1 when unknown)
     * @param peakHeapBytes the peak of the heap pools during the run
     * @param memorySamples the process's memory every {@link #SAMPLE_EVERY} pairs
     */
    public record Result(long pairs, long batches, long tokens, double seconds, long peakResidentBytes,
            long peakHeapBytes, List<ProcessMemory> memorySamples) {

        /** Pairs per second. */
        public double pairsPerSecond() {
            return pairs / seconds;
        }

        /** One line of JSON, starting with the given labels (for example which encoder ran). */
        public String toJson(Map<String, String> labels) {
            StringBuilder head = new StringBuilder("{\"side\": \"mopo-datasets\"");
            labels.forEach((key, value) -> head.append(", \"").append(key).append("\": \"").append(value).append('"'));
            return head + String.format(Locale.ROOT, ", \"pairs\": %d, \"batches\": %d, "
                    + "\"tokens\": %d, \"total_s\": %.3f, \"pairs_per_s\": %.1f, \"peak_rss_mib\": %.1f, "
                    + "\"peak_heap_mib\": %.1f, \"rss_mib_every_%d_pairs\": %s, \"anonymous_rss_mib_every_%d_pairs\": %s}",
                    pairs, batches, tokens, seconds, pairsPerSecond(), mib(peakResidentBytes), mib(peakHeapBytes),
                    SAMPLE_EVERY, samples(ProcessMemory::rss), SAMPLE_EVERY, samples(ProcessMemory::rssAnon));
        }

        private String samples(ToLongFunction<ProcessMemory> figure) {
            List<String> out = new ArrayList<>();
            for (ProcessMemory sample : memorySamples) {
                out.add(String.format(Locale.ROOT, "%.0f", mib(figure.applyAsLong(sample))));
            }
            return "[" + String.join(", ", out) + "]";
        }

        private static double mib(long bytes) {
            return bytes / (double) (1 << 20);
        }
    }

    private DataBenchmark() {}

    /** Reads every pair of {@code data} into batches and measures it. */
    public static Result run(Path data, Preset preset, ChatTemplate template, TokenEncoder encoder,
            BatchConfig config) throws IOException {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        List<ProcessMemory> samples = new ArrayList<>();
        long pairs = 0;
        long batches = 0;
        long tokens = 0;
        long nextSample = SAMPLE_EVERY;
        long start = System.nanoTime();
        try (BatchStream stream = BatchStream.open(data, preset, ReadOptions.lenient(), BatchStream.all(), template,
                encoder, config)) {
            while (stream.hasNext()) {
                TokenBatch batch = stream.next();
                batches++;
                pairs += batch.size();
                for (int mask : batch.attentionMask()) {
                    tokens += mask;
                }
                if (pairs >= nextSample) {
                    samples.add(ProcessMemory.now());
                    nextSample += SAMPLE_EVERY;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ProcessMemory end = ProcessMemory.now();
        return new Result(pairs, batches, tokens, seconds, end.peakRss(), end.heapPeak(), samples);
    }
}
