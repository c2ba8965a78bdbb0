package dev.mopo.djl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.CheckpointException;
import dev.mopo.djl.checkpoint.SafetensorsHeader;
import dev.mopo.djl.model.ConfigParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Tag;

/**
 * Fuzz targets for the parsers of a checkpoint folder: the safetensors header, the shard index and
 * {@code config.json}. Whatever the bytes, each either parses or throws its documented
 * {@link CheckpointException}; any other exception is a bug. Without {@code JAZZER_FUZZ} these run
 * as regression tests over the seeds in {@code CheckpointParsersFuzzTestInputs} (README, "Fuzzing").
 */
@Tag("fuzz")
class CheckpointParsersFuzzTest {

    private static final Path SHARDED = Path.of("src", "test", "resources", "models", "llama-sharded");
    private static final Path FOLDER = folder();

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("mopo-fuzz-checkpoint");
            folder.toFile().deleteOnExit();
            try (var shards = Files.newDirectoryStream(SHARDED, "*-of-*.safetensors")) {
                for (Path shard : shards) {
                    Files.copy(shard, folder.resolve(shard.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    folder.resolve(shard.getFileName()).toFile().deleteOnExit();
                }
            }
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path file = FOLDER.resolve(name);
        Files.write(file, bytes);
        file.toFile().deleteOnExit();
        return file;
    }

    @FuzzTest
    void safetensorsHeader(byte[] bytes) throws IOException {
        Path file = write("fuzzed.safetensors", bytes);
        try {
            SafetensorsHeader.read(file);
        } catch (CheckpointException expected) {
            // the documented error: one line naming the file
        }
    }

    @FuzzTest
    void shardIndex(byte[] bytes) throws IOException {
        write(Checkpoint.INDEX_FILE, bytes);
        try (Checkpoint checkpoint = Checkpoint.open(FOLDER)) {
            checkpoint.names();
        } catch (CheckpointException expected) {
            // the documented error: one line naming the index or shard
        }
    }

    @FuzzTest
    void configJson(byte[] bytes) throws IOException {
        Path file = write("config.json", bytes);
        try {
            ConfigParser.read(file);
        } catch (CheckpointException expected) {
            // the documented error: one line naming the file and setting
        }
    }
}
