package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {

    @TempDir
    Path folder;

    private static StepRecord step(long step, Map<String, Double> lossMetrics) {
        return new StepRecord(step, step / 10.0, 1e-3, Double.NaN, 0.5 + step, lossMetrics, 0.25, null, false, false, 0,
                0.01, 100);
    }

    @Test
    void theCsvHasOneHeaderAndOneRowPerRecordWidenedWhenAKeyFirstAppears() throws IOException {
        Path jsonl = folder.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(jsonl, 0)) {
            log.append(step(1, Map.of()));
            log.append(step(2, Map.of("accuracy/helpful", 0.75)));
            log.append(new EvalRecord(2, 8, 0.4, Map.of(), Map.of("harmless", 0.6), 3.5));
            log.append(step(3, Map.of()));
        }
        List<String> rows = Files.readAllLines(folder.resolve(MetricsLog.CSV_FILE));
        assertEquals(5, rows.size(), rows.toString());
        List<String> header = List.of(rows.get(0).split(","));
        assertEquals(List.of("step", "epoch", "learning_rate", "loss", "grad_norm", "skipped_steps", "seconds",
                "tokens_per_second", "accuracy/helpful", "split", "pairs", "win_rate/harmless", "ess"), header);
        assertEquals("1,0.1,0.001,1.5,0.25,0,0.01,100.0,,,,,", rows.get(1));
        assertEquals("2,0.2,0.001,2.5,0.25,0,0.01,100.0,0.75,,,,", rows.get(2));
        assertEquals("2,,,0.4,,,,,,eval,8,0.6,3.5", rows.get(3));
        assertEquals(Files.readAllLines(jsonl).size(), rows.size() - 1, "one row per JSON record");
    }

    @Test
    void resumingDropsLaterRecordsAndALineAKillCutShortFromBothFiles() throws IOException {
        Path jsonl = folder.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(jsonl, 0)) {
            for (long s = 1; s <= 4; s++) {
                log.append(step(s, Map.of()));
            }
        }
        Files.writeString(jsonl, "{\"step\": 5, \"epo", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (MetricsLog log = MetricsLog.open(jsonl, 3)) {
            log.append(step(4, Map.of()));
        }
        List<String> json = Files.readAllLines(jsonl);
        assertEquals(4, json.size(), json.toString());
        assertTrue(json.get(3).startsWith("{\"step\":4,"), json.get(3));
        List<String> rows = Files.readAllLines(folder.resolve(MetricsLog.CSV_FILE));
        assertEquals(List.of("1", "2", "3", "4"), rows.subList(1, rows.size()).stream().map(r -> r.split(",")[0]).toList());
    }

    @Test
    void aDamagedLineBeforeTheLastIsRefusedNamingTheFileAndLine() throws IOException {
        Path jsonl = folder.resolve("metrics.jsonl");
        Files.writeString(jsonl, "{\"step\": 1}\n{\"step\": 2, \n{\"step\": 3}\n");
        IOException e = assertThrows(IOException.class, () -> MetricsLog.open(jsonl, 3));
        assertTrue(e.getMessage().contains("metrics.jsonl: line 2 is not a JSON record"), e.getMessage());
    }
}
