package dev.mopo.cli.train;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;

/**
 * Fuzz target for the YAML training config ({@code mopo train --config}): whatever the bytes, the
 * file is read and applied to a config builder, or refused with an
 * {@link IllegalArgumentException} naming the file and the setting; any other exception is a bug.
 * Without {@code JAZZER_FUZZ} this runs as a regression test over the seeds in
 * {@code SettingsFileFuzzTestInputs} (README, "Fuzzing").
 */
@Tag("fuzz")
class SettingsFileFuzzTest {

    private static final Path FILE = file();

    private static Path file() {
        try {
            return Files.createTempDirectory("mopo-fuzz-settings").resolve("run.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void yaml(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        try {
            SettingsFile.read(FILE).applyTo(TrainConfig.builder());
        } catch (IllegalArgumentException expected) {
            // the documented refusal: one line naming the file and the setting
        }
    }
}
