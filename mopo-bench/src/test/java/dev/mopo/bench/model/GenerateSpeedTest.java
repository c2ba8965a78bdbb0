package dev.mopo.bench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation benchmark end to end on a tiny model, and its figures beside generate_speed.py's. */
class GenerateSpeedTest {

    @Test
    void writesTheModelOnceAndCountsGeneratedTokens(@TempDir Path dir) throws IOException {
        int threads = PyTorchThreads.configure(1);
        Path model = dir.resolve("model");
        List<String> log = new ArrayList<>();
        GenerateSpeedBenchmark.prepare(model, RandomCheckpointTest.TINY, 3, log::add);
        GenerateSpeedBenchmark.prepare(model, RandomCheckpointTest.TINY, 3, log::add);
        assertTrue(log.get(0).startsWith("writing a random-init llama") && log.get(1).startsWith("using the model"), log
                .toString());
        List<String> rounds = new ArrayList<>();
        GenerateSpeedFigures figures = new GenerateSpeedBenchmark(model, 2, 5, 4, 1).run(2, threads, rounds::add);
        assertEquals(3, rounds.size());
        assertTrue(rounds.get(0).startsWith("warm-up: ") && rounds.get(2).startsWith("round 2/2: "), rounds.toString());
        assertEquals(RandomCheckpointTest.TINY.parameters(), figures.parameters());
        assertEquals(2 * 4 / figures.secondsPerRound(), figures.tokensPerSecond(), 1e-6 * figures.tokensPerSecond());
        assertEquals(figures.secondsPerRound() * 1000 / 4, figures.msPerNewTokenStep(), 1e-9);
        assertEquals(model.toAbsolutePath().toString(), figures.model());
        assertTrue(figures.peakRssBytes() > 0);

        Path file = dir.resolve("mopo.json");
        figures.write(file);
        assertEquals(figures, GenerateSpeedFigures.read(file));
    }

    @Test
    void readsThePythonFiguresAndComparesThem(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("torch.json"), "{\"attention\": \"sdpa\", \"batch\": 8,"
                + " \"implementation\": \"transformers 5.18.0 LlamaForCausalLM generate\", \"model\": \"/m\","
                + " \"ms_per_new_token_step\": 40.0, \"new_tokens\": 128, \"parameters\": 1000, \"peak_rss_bytes\":"
                + " 1073741824, \"prompt_tokens\": 64, \"rounds\": 3, \"seconds_per_round\": 5.12, \"seed\": 1,"
                + " \"threads\": 2, \"tokens_per_second\": 200.0, \"warmup_rounds\": 1}");
        GenerateSpeedFigures torch = GenerateSpeedFigures.read(file);
        GenerateSpeedFigures mopo = new GenerateSpeedFigures("mopo", "/m", "composed", 2, 8, 64, 128, 1000, 1, 1, 3,
                2.56, 20.0, 400.0, 1L << 29);
        String text = GenerateSpeedComparison.format(mopo, torch);
        assertTrue(text.contains("mopo / transformers tokens/s: 2.00 (above 1: mopo is faster)"), text);
        assertTrue(text.contains("mopo / transformers peak RSS: 0.50"), text);
        assertFalse(text.contains("WARNING"), text);
        GenerateSpeedFigures other = new GenerateSpeedFigures("mopo", "/n", "composed", 1, 8, 64, 64, 1000, 1, 1, 3,
                2.56, 20.0, 400.0, 1L << 29);
        text = GenerateSpeedComparison.format(other, torch);
        assertTrue(text.contains("WARNING: the runs differ in threads: 1 vs 2"), text);
        assertTrue(text.contains("batch x (prompt + new tokens): 8 x (64 + 64) vs 8 x (64 + 128)"), text);
        assertTrue(text.contains("model: /n vs /m"), text);
    }
}
