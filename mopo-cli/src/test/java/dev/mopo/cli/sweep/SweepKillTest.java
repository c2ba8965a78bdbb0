package dev.mopo.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose process is killed with SIGKILL in the middle of its second run, then run again,
 * finishes with nothing lost or trained twice: the finished run is skipped, the interrupted one
 * resumes from its newest checkpoint, and the front report equals an uninterrupted sweep's.
 */
class SweepKillTest {

    private static final String SWEEP = "base: base.yaml\nmethods:\n  - loss: mopo\n    thresholds: [{harmless: 0.6}]\n"
            + "  - loss: dpo\nseeds: [3]\nevaluation:\n  max_prompts: 2\n  max_new_tokens: 4\n  temperature: 1\n"
            + "  scorers: [\"java:concise\"]\n";

    @TempDir
    Path dir;

    @Test
    void aKilledSweepRunAgainLosesAndRepeatsNothing() throws Exception {
        TestSweeps.base(dir, 4, "save_interval: 1\n");
        Path killed = Files.writeString(dir.resolve("killed.yaml"), SWEEP);
        Path whole = Files.writeString(dir.resolve("whole.yaml"), SWEEP);
        Path runs = dir.resolve("killed").resolve("runs");
        Path dpo = runs.resolve("dpo-seed3");

        Process process = TestSweeps.mopo("sweep", "--sweep", killed.toString())
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!hasCheckpoint(dpo)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("the sweep ended before its second run saved a checkpoint:\n"
                        + Files.readString(dir.resolve("killed.log")));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly().waitFor();
        String listed = TestSweeps.run("sweep", "--sweep", killed.toString(), "--dry-run")[0];
        assertTrue(listed.lines().anyMatch(line -> line.startsWith("dpo-seed3") && line.contains("partial")), listed);
        String finishedMetrics = Files.readString(runs.resolve("mopo-harmless0.6-seed3").resolve("metrics.jsonl"));

        String resumed = TestSweeps.run("sweep", "--sweep", killed.toString())[1];
        assertTrue(resumed.contains("train/mopo-harmless0.6-seed3: skipped: finished (checkpoint-000004)"), resumed);
        assertTrue(resumed.contains("train/dpo-seed3: resumes from checkpoint-00000"), resumed);
        assertEquals(finishedMetrics, Files.readString(runs.resolve("mopo-harmless0.6-seed3").resolve("metrics.jsonl")),
                "the finished run was not trained again");
        assertEquals(List.of(1, 2, 3, 4), Files.readAllLines(dpo.resolve("metrics.jsonl")).stream()
                .filter(line -> line.startsWith("{\"step\":")).map(line -> Integer.valueOf(line.replaceAll(
                        "^\\{\"step\":(\\d+),.*", "$1"))).distinct().toList(), "every step once");

        TestSweeps.run("sweep", "--sweep", whole.toString());
        Path killedOut = dir.resolve("killed");
        Path wholeOut = dir.resolve("whole");
        assertEquals(Files.readString(wholeOut.resolve("summary.csv")),
                Files.readString(killedOut.resolve("summary.csv")));
        assertEquals(Files.readString(wholeOut.resolve("summary.json")),
                Files.readString(killedOut.resolve("summary.json")).replace(killedOut.toString(), wholeOut.toString()));
        Path weights = Path.of("checkpoint-000004", "model.safetensors");
        assertTrue(Files.mismatch(dpo.resolve(weights), wholeOut.resolve("runs").resolve("dpo-seed3").resolve(weights))
                < 0, "the resumed run's final weights are the uninterrupted run's");
    }

    private static boolean hasCheckpoint(Path run) throws IOException {
        if (!Files.isDirectory(run)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(run)) {
            return entries.anyMatch(entry -> entry.getFileName().toString().startsWith("checkpoint-"));
        }
    }
}
