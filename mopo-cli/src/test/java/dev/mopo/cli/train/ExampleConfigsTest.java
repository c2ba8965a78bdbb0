package dev.mopo.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.cli.MopoCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/**
 * The shipped examples resolve: training files to their loss (the paper's to exactly
 * {@code --paper-settings}), the sweep to its runs.
 */
class ExampleConfigsTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void everyExampleResolvesToTheLossItNames() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.map(Path::toString).filter(name -> name.endsWith(".yaml") && !name.endsWith("-sweep.yaml"))
                    .sorted().map(Path::of).toList();
        }
        assertTrue(files.size() >= 2, "examples: " + files);
        for (Path file : files) {
            String resolved = printConfig("--config", file.toString());
            assertTrue(resolved.contains("\nloss: mopo\n"), file + ":\n" + resolved);
        }
    }

    @Test
    void thePaperExampleWritesOutPaperSettings() throws Exception {
        String file = EXAMPLES.resolve("paper-settings.yaml").toString();
        String resolved = printConfig("--config", file);
        assertEquals(resolved, printConfig("--config", file, "--paper-settings"));
        for (String setting : new String[] {"tau: 0.08", "epsilon: 0.15", "ratchet_period: 500",
            "threshold_relaxation: 0.9995", "batch_size: 8"}) {
            assertTrue(resolved.contains("\n" + setting + "\n"), setting + " in\n" + resolved);
        }
    }

    @Test
    void theSweepExampleExpandsIntoItsRuns() {
        String listing = run("sweep", "--sweep", EXAMPLES.resolve("pku-safe-rlhf-sweep.yaml").toString(), "--dry-run");
        assertTrue(listing.contains("14 runs"), listing);
        assertTrue(listing.contains("mopo-harmlessness0.65-seed2"), listing);
    }

    private static String printConfig(String... args) {
        return run(Stream.concat(Stream.of("train", "--print-config"), Stream.of(args)).toArray(String[]::new));
    }

    private static String run(String... args) {
        PrintStream console = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, commandLine.execute(args), err.toString());
        } finally {
            System.setOut(console);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
