package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mopo bench train-speed} end to end at the smallest size: files, training, figures, comparison. */
class TrainSpeedCommandTest {

    @TempDir
    Path folder;

    @Test
    void writesInputsTrainsAndComparesWithAReferenceRun() throws Exception {
        Path trl = folder.resolve("trl.json");
        Files.writeString(trl, "{\"side\": \"trl\", \"setting\": \"default\", \"implementation\": \"TRL (test)\","
                + " \"attention\": \"sdpa\", \"threads\": 1, \"interop_threads\": 1, \"batch_pairs\": 8,"
                + " \"warmup_steps\": 1, \"step_tokens\": [2048, 2048], \"step_seconds\": [0.5, 0.7],"
                + " \"reference_tokens\": 2048, \"reference_seconds\": 0.4, \"peak_rss_bytes\": 1073741824,"
                + " \"setup_seconds\": 2.0}");
        Path out = folder.resolve("bench");
        CommandRun run = CommandRun.of("bench", "train-speed", "--output", out.toString(), "--steps", "2", "--warmup",
                "1", "--pairs", "8", "--threads", "1", "--compare", trl.toString());
        String text = run.out();
        assertEquals(0, run.status(), text + run.err());

        assertTrue(Files.isRegularFile(out.resolve("model").resolve("model.safetensors")), text);
        assertTrue(Files.isRegularFile(out.resolve("model").resolve("tokenizer.json")), text);
        assertEquals(8, Files.readAllLines(out.resolve("data").resolve("pairs.jsonl")).size());
        JsonNode figures = new ObjectMapper().readTree(text.lines().filter(line -> line.startsWith("{")).findFirst()
                .orElseThrow(() -> new AssertionError("no JSON line in:\n" + text)));
        assertEquals("mopo", figures.get("side").asText());
        assertEquals(1, figures.get("threads").asInt());
        assertEquals(2, figures.get("step_seconds").size());
        figures.get("step_tokens").forEach(tokens -> assertEquals(2 * 8 * 128, tokens.asLong(), "every sequence is 128"
                + " tokens"));
        assertEquals(2 * 8 * 128, figures.get("reference_tokens").asLong(), "the reference pass scores every pair once");
        assertTrue(figures.get("seconds_per_step_mean").asDouble() > 0, text);
        assertTrue(figures.get("reference_tokens_per_second").asDouble() > 0, text);
        assertTrue(figures.get("peak_rss_bytes").asLong() > 0, text);
        assertTrue(text.contains("mopo step time / trl (default): ") && text.contains("peak RSS ratio"), text);
        assertTrue(text.contains("model FLOPs utilisation"), text);
    }
}
