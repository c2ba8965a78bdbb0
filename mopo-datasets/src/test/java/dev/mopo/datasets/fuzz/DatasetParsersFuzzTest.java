package dev.mopo.datasets.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.JinjaChatTemplate;
import dev.mopo.datasets.template.TemplateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;

/**
 * Fuzz targets for the corpus and template parsers: JSONL, gzipped JSONL, Arrow IPC, Parquet, a
 * {@code save_to_disk} folder's {@code state.json}, {@code tokenizer_config.json} and Jinja chat
 * templates. Whatever the bytes, a corpus either reads (bad rows skipped and counted) or is refused
 * with a {@link DatasetFileException}, and a template renders or fails with a
 * {@link TemplateException}; any other exception is a bug. Without {@code JAZZER_FUZZ} these run as
 * regression tests over the seeds in {@code DatasetParsersFuzzTestInputs} (README, "Fuzzing").
 */
@Tag("fuzz")
class DatasetParsersFuzzTest {

    private static final Path SAVE_TO_DISK = Path.of("src", "test", "resources", "datasets", "pku-safe-rlhf", "good",
            "save_to_disk");
    private static final Path FOLDER = folder();
    private static final Preset LABELS = Presets.create("generic",
            Map.of("mode", "labels", "objectives", "helpful,harmless"), FOLDER);
    private static final Preset PKU = Presets.create("pku-safe-rlhf", Map.of(), FOLDER);

    private static Path folder() {
        try {
            Path folder = Files.createTempDirectory("mopo-fuzz-datasets");
            Path shards = Files.createDirectory(folder.resolve("save_to_disk"));
            try (var arrows = Files.newDirectoryStream(SAVE_TO_DISK, "*.arrow")) {
                for (Path shard : arrows) {
                    Files.copy(shard, shards.resolve(shard.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.createDirectory(folder.resolve("checkpoint"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads every pair of {@code path}; the one refusal allowed is the file's. */
    private static void readAll(Path path, Preset preset) throws IOException {
        try (PairReader reader = PairReader.open(path, preset, ReadOptions.lenient())) {
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (DatasetFileException expected) {
            // the documented refusal: one line naming the file and the fix
        }
    }

    private static Path write(String name, byte[] bytes) throws IOException {
        Path file = FOLDER.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    @FuzzTest
    void jsonLines(byte[] bytes) throws IOException {
        readAll(write("fuzzed.jsonl", bytes), LABELS);
    }

    @FuzzTest
    void gzippedJsonLines(byte[] bytes) throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(bytes);
        }
        readAll(write("fuzzed.jsonl.gz", gzipped.toByteArray()), LABELS);
    }

    @FuzzTest
    void arrowIpc(byte[] bytes) throws IOException {
        readAll(write("fuzzed.arrow", bytes), PKU);
    }

    @FuzzTest
    void parquet(byte[] bytes) throws IOException {
        readAll(write("fuzzed.parquet", bytes), LABELS);
    }

    @FuzzTest
    void saveToDiskState(byte[] bytes) throws IOException {
        Path folder = FOLDER.resolve("save_to_disk");
        Files.write(folder.resolve("state.json"), bytes);
        readAll(folder, PKU);
    }

    @FuzzTest
    void tokenizerConfig(FuzzedDataProvider data) throws IOException {
        Path checkpoint = FOLDER.resolve("checkpoint");
        String user = data.consumeString(200);
        Files.write(checkpoint.resolve("tokenizer_config.json"), data.consumeRemainingAsBytes());
        try {
            Optional<JinjaChatTemplate> template = ChatTemplates.fromCheckpoint(checkpoint);
            ChatTemplates.specialTokens(checkpoint);
            if (template.isPresent()) {
                template.get().render(List.of(ChatMessage.user(user)), true);
            }
        } catch (TemplateException expected) {
            // the documented refusal: one line naming the file
        }
    }

    @FuzzTest
    void jinjaChatTemplate(FuzzedDataProvider data) {
        String user = data.consumeString(200);
        String assistant = data.consumeString(200);
        String source = data.consumeRemainingAsString();
        try {
            JinjaChatTemplate template = new JinjaChatTemplate(source, Map.of("bos_token", "<s>", "eos_token", "</s>"));
            template.render(List.of(ChatMessage.user(user), ChatMessage.assistant(assistant)), true);
        } catch (TemplateException expected) {
            // the documented refusal: the template does not parse or fails
        }
    }
}
