package dev.mopo.cli.train;

import dev.mopo.cli.MopoCommand;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mopo train}'s refusals: one clear line and exit code 2, before anything heavy. */
class TrainCommandTest {

    @TempDir
    Path folder;

    private String refused(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute(args), err.toString());
        return err.toString();
    }

    @Test
    void unknownSettingsInTheFileAreNamed() throws Exception {
        Path yaml = folder.resolve("run.yaml");
        Files.writeString(yaml, "model: m\ntaux: 0.1\n");
        String err = refused("train", "--config", yaml.toString());
        assertTrue(err.contains("unknown setting 'taux' (did you mean 'tau'?)"), err);
    }

    @Test
    void badValuesNameTheFlag() {
        String err = refused("train", "--tau", "small");
        assertTrue(err.contains("'--tau'") && err.contains("'small' is not a double"), err);
        err = refused("train", "--model", "x", "--dataset-preset", "generic", "--dataset-path", "d", "--output",
                folder.toString(), "--thresholds", "harmless=1.5");
        assertTrue(err.contains("thresholds.harmless") && err.contains("1.5"), err);
    }

    @Test
    void missingModelFilesAreRefusedBeforeLoading() {
        String err = refused("train", "--model", folder.resolve("absent").toString(), "--dataset-preset", "generic",
                "--dataset-path", "d", "--output", folder.resolve("out").toString());
        assertTrue(err.contains("absent") && err.contains("not a folder"), err);
    }

    @Test
    void helpListsEverySettingWithItsDefault() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("train", "--help"));
        assertTrue(out.toString().contains("--dual-step-size") && out.toString().contains("(default: 1.0)"),
                out.toString());
    }
}
