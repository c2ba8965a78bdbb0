package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SyntheticCommandTest {

    @TempDir
    Path out;

    @Test
    void writesTablesSummaryAndPlotsPerStructure() throws Exception {
        int status = MopoCommand.commandLine().execute("bench", "synthetic", "--structure", "bt-independent,three-objective",
                "--steps", "30", "--responses", "8", "--pairs", "2000", "--estimators", "snis", "--output", out.toString());
        assertEquals(0, status);
        for (String file : new String[] {"thresholds.csv", "points.csv", "baselines.csv", "summary.json",
            "front_P1_P2.png"}) {
            assertTrue(Files.size(out.resolve("bt-independent").resolve(file)) > 0, file);
        }
        assertTrue(Files.size(out.resolve("three-objective").resolve("front_P1_P3.png")) > 0);
        String summary = Files.readString(out.resolve("bt-independent").resolve("summary.json"));
        assertTrue(summary.contains("\"hypervolume_ratio\""), summary);
        String header = Files.readAllLines(out.resolve("three-objective").resolve("thresholds.csv")).get(0);
        assertTrue(header.startsWith("method,b2,b3,exact_P1"), header);
    }

    @Test
    void unknownStructureIsOneClearLine() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute("bench", "synthetic", "--structure", "nope", "--output", out.toString());
        assertEquals(2, status);
        assertTrue(err.toString().contains("unknown structure 'nope'") && err.toString().contains("bt-aligned"),
                err.toString());
    }
}
