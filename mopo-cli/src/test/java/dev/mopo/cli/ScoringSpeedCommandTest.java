package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.bench.trainspeed.TrainSpeedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mopo bench scoring-speed} end to end on the built-in model and corpus: three variants, timed. */
class ScoringSpeedCommandTest {

    @TempDir
    Path folder;

    @Test
    void timesTheThreeScoringsOnTheSameBatches() throws Exception {
        TrainSpeedFiles files = TrainSpeedFiles.prepare(folder, 16, line -> { });
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int status;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            CommandLine commandLine = MopoCommand.commandLine();
            commandLine.setErr(new PrintWriter(err));
            status = commandLine.execute("bench", "scoring-speed", "--model", files.model().toString(), "--corpus",
                    files.corpus().toString(), "--max-length", "128", "--batches", "1", "--rounds", "1",
                    "--threads", "1");
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text + err);
        for (String variant : new String[] {"rows, logits everywhere", "rows, head at responses",
            "shared prompt, head at responses"}) {
            assertTrue(text.lines().anyMatch(line -> line.startsWith(variant) && line.matches(".*\\d\\.\\d{2}x.*\\d\\.\\d{2}x")),
                    variant + " in\n" + text);
        }
        assertTrue(text.lines().anyMatch(line -> line.startsWith("rows, logits everywhere") && line.contains("1.00x")), text);
    }
}
