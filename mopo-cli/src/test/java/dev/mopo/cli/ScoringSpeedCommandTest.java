package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.bench.trainspeed.TrainSpeedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mopo bench scoring-speed} end to end on the built-in model and corpus: three variants, timed. */
class ScoringSpeedCommandTest {

    @TempDir
    Path folder;

    @Test
    void timesTheThreeScoringsOnTheSameBatches() throws Exception {
        TrainSpeedFiles files = TrainSpeedFiles.prepare(folder, 16, line -> { });
        CommandRun run = CommandRun.of("bench", "scoring-speed", "--model", files.model().toString(), "--corpus",
                files.corpus().toString(), "--max-length", "128", "--batches", "1", "--rounds", "1", "--threads", "1");
        String text = run.out();
        assertEquals(0, run.status(), text + run.err());
        for (String variant : new String[] {"rows, logits everywhere", "rows, head at responses",
            "shared prompt, head at responses"}) {
            assertTrue(text.lines().anyMatch(line -> line.startsWith(variant) && line.matches(".*\\d\\.\\d{2}x.*\\d\\.\\d{2}x")),
                    variant + " in\n" + text);
        }
        assertTrue(text.lines().anyMatch(line -> line.startsWith("rows, logits everywhere") && line.contains("1.00x")), text);
    }
}
