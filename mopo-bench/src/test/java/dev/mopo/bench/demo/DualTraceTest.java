package dev.mopo.bench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multiplier's trace read from a run's metrics. */
class DualTraceTest {

    @TempDir
    Path run;

    @Test
    void swingIsOverTheLastQuarterOfTrainingRecordsOnly() throws Exception {
        Files.write(run.resolve("metrics.jsonl"), List.of(
                "{\"step\": 1, \"lambda/concise\": 9.0, \"estimate_reliable\": false}",
                "{\"step\": 2, \"lambda/concise\": 5.0}",
                "{\"step\": 3, \"lambda/concise\": 1.5, \"estimate_reliable\": true}",
                "{\"step\": 3, \"split\": \"eval\", \"lambda/concise\": 100.0}",
                "{\"step\": 4, \"lambda/concise\": 2.5}"));
        DualTrace trace = DualTrace.read(run, "concise");
        assertEquals(2.5, trace.finalLambda());
        assertEquals((2.5 - 1.5) / 2.0, trace.swing(), 1e-12, "steps 3 and 4 are the last quarter of 4");
        assertEquals(1, trace.unreliableSteps());
    }
}
