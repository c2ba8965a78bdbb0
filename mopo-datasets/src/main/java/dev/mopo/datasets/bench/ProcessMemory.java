package dev.mopo.datasets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this process, from {@code /proc/self/status} (Linux): the whole
 * process, heap, native Arrow, tokenizer and PyTorch memory and the JVM itself included. -1
 * elsewhere. The benchmarks of every module read it.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Resident set size now, in bytes. */
    public static long residentBytes() {
        return field("VmRSS:");
    }

    /** The largest resident set size so far, in bytes. */
    public static long peakResidentBytes() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
