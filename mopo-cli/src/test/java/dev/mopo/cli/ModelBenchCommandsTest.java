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

/** The model benchmark commands' argument handling (the runs themselves need gigabytes; see BenchmarkRunTest). */
class ModelBenchCommandsTest {

    @Test
    void modelLoadRefusesAFolderWithFilesInIt(@TempDir Path out) throws Exception {
        Files.writeString(out.resolve("keep-me.txt"), "mine");
        StringWriter err = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute("bench", "model-load", "--threads", "1", "--output", out.toString());
        assertEquals(2, status);
        assertTrue(err.toString().contains("is not empty: --output must name a new or empty folder"), err.toString());
        assertTrue(Files.exists(out.resolve("keep-me.txt")), "nothing deleted");
    }

    @Test
    void bothCommandsAreListedUnderBench() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("bench", "--help"));
        assertTrue(out.toString().contains("model-load") && out.toString().contains("model-speed"), out.toString());
    }
}
