package dev.mopo.bench.model;

import dev.mopo.bench.measure.ProcessMemory;
import java.util.Locale;

/**
 * The figures of one model-load run.
 *
 * @param shape the model
 * @param parameters its parameter count
 * @param threads PyTorch intra-op threads
 * @param weightFiles how many safetensors files the checkpoint has
 * @param fileBytes their total size
 * @param writeSeconds time to generate and write the checkpoint
 * @param loadSeconds time {@code CausalLm.load} took
 * @param beforeLoad memory once the engine had started, before loading
 * @param afterLoad memory with the model loaded (its peak figures cover the whole process so far)
 */
public record LoadResult(LlamaShape shape, long parameters, int threads, int weightFiles, long fileBytes,
        double writeSeconds, double loadSeconds, ProcessMemory beforeLoad, ProcessMemory afterLoad) {

    /** The target: peak RSS below this multiple of the fp32 parameter bytes. */
    public static final double TARGET_RATIO = 1.3;

    /** The parameters' size in fp32: four bytes each. */
    public long fp32Bytes() {
        return parameters * 4;
    }

    /** Peak RSS over the fp32 parameter bytes. */
    public double peakRatio() {
        return afterLoad.peakRss() / (double) fp32Bytes();
    }

    /** The report printed by {@code mopo bench model-load}. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(shape.describe()).append('\n');
        out.append(String.format(Locale.ROOT, "checkpoint: %d bf16 safetensors file(s), %s (%,d bytes), written in %.1f s%n",
                weightFiles, ProcessMemory.gib(fileBytes), fileBytes, writeSeconds));
        out.append(String.format(Locale.ROOT, "CausalLm.load(FLOAT32, CPU, %d PyTorch threads): %.1f s%n", threads,
                loadSeconds));
        out.append(String.format(Locale.ROOT, "fp32 parameters:        %s%n", ProcessMemory.gib(fp32Bytes())));
        out.append(String.format(Locale.ROOT, "RSS before load:        %s (JVM, PyTorch libraries)%n",
                ProcessMemory.gib(beforeLoad.rss())));
        out.append(String.format(Locale.ROOT, "RSS after load:         %s (anonymous %s, file-backed %s)%n",
                ProcessMemory.gib(afterLoad.rss()), ProcessMemory.gib(afterLoad.rssAnon()),
                ProcessMemory.gib(afterLoad.rssFile())));
        out.append(String.format(Locale.ROOT, "peak RSS (VmHWM):       %s = %.3f x fp32 parameters (target < %.1f x): %s%n",
                ProcessMemory.gib(afterLoad.peakRss()), peakRatio(), TARGET_RATIO,
                afterLoad.peakRss() < 0 ? "n/a" : peakRatio() < TARGET_RATIO ? "met" : "MISSED"));
        out.append(String.format(Locale.ROOT, "JVM heap: peak used %s, committed %s%n",
                ProcessMemory.mib(afterLoad.heapPeak()), ProcessMemory.mib(afterLoad.heapCommitted())));
        return out.toString();
    }
}
