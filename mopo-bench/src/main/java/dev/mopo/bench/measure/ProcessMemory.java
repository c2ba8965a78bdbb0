package dev.mopo.bench.measure;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The process's memory as the kernel counts it (Linux {@code /proc/self/status}: resident set
 * now and its high-water mark, which include PyTorch's native memory and mapped file pages) and
 * as the JVM counts its heap. Kernel figures are -1 where {@code /proc} is unavailable. The
 * benchmarks of every module read it.
 *
 * @param peakRss {@code VmHWM}: the highest resident set size so far, bytes
 * @param rss {@code VmRSS}: the resident set size now
 * @param rssAnon {@code RssAnon}: the anonymous part of it (heaps, native tensors)
 * @param rssFile {@code RssFile}: the file-backed part (libraries, memory-mapped files)
 * @param heapPeak the highest Java heap use so far (sum of the heap pools' peaks)
 * @param heapCommitted the Java heap committed now
 */
public record ProcessMemory(long peakRss, long rss, long rssAnon, long rssFile, long heapPeak, long heapCommitted) {

    private static final Path STATUS = Path.of("/proc/self/status");

    /** The figures now. */
    public static ProcessMemory now() {
        Map<String, Long> status = status();
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        long committed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        return new ProcessMemory(status.getOrDefault("VmHWM", -1L), status.getOrDefault("VmRSS", -1L),
                status.getOrDefault("RssAnon", -1L), status.getOrDefault("RssFile", -1L), heapPeak, committed);
    }

    /** Bytes as GiB with two decimals, or "n/a" for -1. */
    public static String gib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }

    /** Bytes as MiB, or "n/a" for -1. */
    public static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
    }

    private static Map<String, Long> status() {
        Map<String, Long> values = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(STATUS);
        } catch (IOException e) {
            return values;
        }
        for (String line : lines) {
            String[] parts = line.split(":\\s+");
            if (parts.length == 2 && parts[1].endsWith(" kB")) {
                values.put(parts[0], Long.parseLong(parts[1].substring(0, parts[1].length() - 3).trim()) * 1024);
            }
        }
        return values;
    }
}
