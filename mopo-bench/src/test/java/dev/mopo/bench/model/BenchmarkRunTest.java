package dev.mopo.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both model benchmarks, end to end on a tiny model (surefire runs PyTorch with one thread). */
class BenchmarkRunTest {

    @Test
    void loadBenchmarkReportsSizesTimesAndMemory(@TempDir Path dir) throws IOException {
        int threads = PyTorchThreads.configure(1);
        LoadResult result = LoadBenchmark.run(RandomCheckpointTest.TINY, dir.resolve("ckpt"), 1, Long.MAX_VALUE,
                threads);
        assertEquals(RandomCheckpointTest.TINY.parameters(), result.parameters());
        assertEquals(1, result.weightFiles());
        assertEquals(Files.size(dir.resolve("ckpt").resolve("model.safetensors")), result.fileBytes());
        assertTrue(result.fileBytes() > 2 * result.parameters(), "bf16 data plus the header");
        assertEquals(4 * result.parameters(), result.fp32Bytes());
        assertTrue(result.loadSeconds() > 0 && result.writeSeconds() > 0);
        assertTrue(result.afterLoad().peakRss() >= result.afterLoad().rss() && result.afterLoad().rss() > 0,
                "Linux /proc figures: " + result.afterLoad());
        String report = result.format();
        assertTrue(report.contains("peak RSS (VmHWM)") && report.contains("x fp32 parameters"), report);
    }

    @Test
    void speedBenchmarkTrainsOnTheMeanNextTokenCrossEntropy() throws IOException {
        int threads = PyTorchThreads.configure(1);
        List<Integer> seen = new ArrayList<>();
        SpeedFigures figures = new SpeedBenchmark(RandomCheckpointTest.TINY, 2, 8, 5).run(1, 2, threads, seen::add);
        assertEquals(List.of(1, 2, 3), seen);
        assertEquals(2 * 8 / (figures.msPerStep() / 1000), figures.tokensPerSecond(), 1e-6 * figures.tokensPerSecond());
        // small random weights: logits near zero, so the loss is near ln(vocab)
        assertEquals(Math.log(100), figures.loss(), 0.05);
        assertEquals(RandomCheckpointTest.TINY.parameters(), figures.parameters());
        assertTrue(figures.implementation().startsWith("mopo (DJL 0.36.0, PyTorch 2.7.1"), figures.implementation());
    }
}
