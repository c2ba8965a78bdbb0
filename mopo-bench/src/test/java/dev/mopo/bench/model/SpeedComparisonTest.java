package dev.mopo.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeedComparisonTest {

    private static final SpeedFigures MOPO = new SpeedFigures("mopo", 2, 4, 256, 1000, 5, 2000, 512, 3L << 30, 10.4);

    @Test
    void readsTheJsonThePythonScriptWrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("torch.json");
        Files.writeString(file, "{\"implementation\": \"transformers 5.18.0\", \"attention\": \"sdpa\", \"threads\": 2,"
                + " \"batch\": 4, \"sequence\": 256, \"parameters\": 1000, \"warmup\": 2, \"steps\": 5,"
                + " \"ms_per_step\": 1000.0, \"tokens_per_second\": 1024.0, \"peak_rss_bytes\": 2147483648,"
                + " \"loss\": 10.5}");
        SpeedFigures reference = SpeedFigures.read(file);
        assertEquals(1024.0, reference.tokensPerSecond());
        assertEquals(1L << 31, reference.peakRssBytes());
        String comparison = SpeedComparison.format(MOPO, reference);
        assertTrue(comparison.contains("mopo / reference tokens/s: 0.50 (above 1: mopo is faster)"), comparison);
        assertTrue(comparison.contains("mopo / reference peak RSS: 1.50"), comparison);
        assertFalse(comparison.contains("WARNING"), comparison);
    }

    @Test
    void writesWhatItReadsAndWarnsAboutDifferentSettings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mopo.json");
        MOPO.write(file);
        assertTrue(Files.readString(file).contains("\"tokens_per_second\""));
        assertEquals(MOPO, SpeedFigures.read(file));
        SpeedFigures other = new SpeedFigures("torch", 1, 4, 128, 999, 5, 1000, 512, 1L << 30, 10.4);
        String comparison = SpeedComparison.format(MOPO, other);
        assertTrue(comparison.contains("WARNING: the runs differ in threads: 2 vs 1"), comparison);
        assertTrue(comparison.contains("batch x sequence: 4x256 vs 4x128"), comparison);
        assertTrue(comparison.contains("parameters: 1000 vs 999"), comparison);
    }
}
