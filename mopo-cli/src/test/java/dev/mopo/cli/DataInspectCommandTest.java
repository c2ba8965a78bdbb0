package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mopo data inspect}'s exit status tells success from failure, and it takes train's flag names too. */
class DataInspectCommandTest {

    @TempDir
    Path folder;

    @Test
    void aCorpusWithPairsExitsZeroUnderEitherFlagVocabulary() throws Exception {
        Path good = folder.resolve("good.jsonl");
        Files.write(good, List.of("{\"prompt\": \"q\", \"response_a\": \"a\", \"response_b\": \"b\", \"helpful\": 1}"));
        assertEquals(0, execute("data", "inspect", "--preset", "generic", "--path", good.toString(), "--option",
                "objectives=helpful"));
        assertEquals(0, execute("data", "inspect", "--dataset-preset", "generic", "--dataset-path", good.toString(),
                "--dataset-option", "objectives=helpful"));
    }

    @Test
    void aMissingFileAndACorpusWithoutPairsAreFailures() throws Exception {
        assertEquals(2, execute("data", "inspect", "--preset", "generic", "--path", folder.resolve("absent.jsonl")
                .toString(), "--option", "objectives=helpful"));
        Path bad = folder.resolve("bad.jsonl");
        Files.write(bad, List.of("{\"prompt\": \"q\", \"response_a\": \"a\", \"response_b\": \"a\", \"helpful\": 1}"));
        assertEquals(1, execute("data", "inspect", "--preset", "generic", "--path", bad.toString(), "--option",
                "objectives=helpful"));
    }

    private static int execute(String... args) {
        CommandLine commandLine = MopoCommand.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        assertTrue(status == 0 || !err.toString().contains("Exception"), err.toString());
        return status;
    }
}
