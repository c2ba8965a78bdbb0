package dev.mopo.bench.trainspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result's figures, its JSON round trip and the comparison's ratios and warnings. */
class TrainSpeedResultTest {

    @TempDir
    Path folder;

    private static TrainSpeedResult result(String side, int threads, List<Double> steps, long rss) {
        List<Long> tokens = steps.stream().map(s -> 2048L).toList();
        return new TrainSpeedResult(side, "default", side + " 1.0", "eager", threads, 1, 8, 2, tokens, steps, 20480, 2.0,
                3.5, rss);
    }

    @Test
    void figuresAndJsonRoundTrip() throws Exception {
        TrainSpeedResult mopo = result("mopo", 2, List.of(0.4, 0.2, 0.3, 0.5), 1 << 30);
        assertEquals(0.35, mopo.meanSeconds(), 1e-12);
        assertEquals(0.35, mopo.medianSeconds(), 1e-12);
        assertEquals(2048 / 0.35, mopo.tokensPerSecond(), 1e-6);
        assertEquals(10240, mopo.referenceTokensPerSecond(), 1e-9);
        Path file = folder.resolve("mopo.json");
        Files.writeString(file, mopo.toJson());
        assertEquals(mopo, TrainSpeedResult.read(file));
    }

    @Test
    void comparisonGivesRatiosAndWarnsOfDifferentSettings() {
        TrainSpeedResult mopo = result("mopo", 2, List.of(0.5), 1 << 29);
        String same = TrainSpeedComparison.format(mopo, List.of(result("trl", 2, List.of(1.0), 1 << 30)), 1e6, 4096e6);
        assertTrue(same.contains("mopo step time / trl (default): 0.50 (mean), 0.50 (median); tokens/s ratio 2.00;"
                + " reference pass tokens/s ratio 1.00; peak RSS ratio 0.50"), same);
        assertTrue(!same.contains("WARNING"), same);
        assertTrue(same.matches("(?s).*model FLOPs utilisation +100\\.0 % +50\\.0 %.*"), same);
        String differing = TrainSpeedComparison.format(mopo, List.of(result("trl", 4, List.of(1.0), 1 << 30)), 1e6, 0);
        assertTrue(differing.contains("WARNING: mopo and trl (default) differ in threads (intra-op/inter-op): 2/1 vs 4/1"),
                differing);
        assertTrue(!differing.contains("utilisation"), differing);
    }

    @Test
    void incompleteFilesAreRefusedByKey() throws Exception {
        Path file = folder.resolve("trl.json");
        Files.writeString(file, "{\"side\": \"trl\"}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TrainSpeedResult.read(file));
        assertTrue(error.getMessage().contains("no 'step_seconds'"), error.getMessage());
    }

    @Test
    void corpusRendersToExactlyTheSequenceLength() throws Exception {
        Path file = folder.resolve("pairs.jsonl");
        SpeedCorpus.write(file, 50, 3);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(file)) {
            var pair = json.readTree(line);
            String rendered = "Human: " + pair.get("prompt").asText() + "\n\nAssistant:";
            assertEquals(SpeedCorpus.PROMPT_TOKENS, rendered.length(), line);
            for (String response : new String[] {"response_a", "response_b"}) {
                assertEquals(SpeedCorpus.RESPONSE_TOKENS - 1, pair.get(response).asText().length(), line);
            }
            assertEquals(1, pair.get(SpeedCorpus.OBJECTIVE).asInt());
        }
    }
}
