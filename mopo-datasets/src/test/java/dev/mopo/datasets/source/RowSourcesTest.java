package dev.mopo.datasets.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.datasets.Fixtures;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.reject.RejectReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format sniffing, line handling and folders of shards. */
class RowSourcesTest {

    @TempDir
    Path dir;

    @Test
    void sniffsTheBytesNotTheName() throws IOException {
        assertEquals(DataFormat.PARQUET, DataFormat.detect(Fixtures.file("pku-safe-rlhf/good/train.parquet")));
        assertEquals(DataFormat.ARROW_IPC_FILE, DataFormat.detect(Fixtures.file("pku-safe-rlhf/good/train.arrow")));
        assertEquals(DataFormat.ARROW_IPC_STREAM, DataFormat.detect(Fixtures.file("pku-safe-rlhf/good/train.arrows")));
        assertEquals(DataFormat.ARROW_IPC_STREAM,
                DataFormat.detect(Fixtures.file("pku-safe-rlhf/good/save_to_disk/data-00000-of-00002.arrow")));
        assertEquals(DataFormat.HF_SAVE_TO_DISK, DataFormat.detect(Fixtures.file("pku-safe-rlhf/good/save_to_disk")));
        assertEquals(DataFormat.JSONL_GZIP, DataFormat.detect(Fixtures.file("hh-rlhf/helpful-base/train.jsonl.gz")));
        Path renamed = Files.copy(Fixtures.file("pku-safe-rlhf/good/train.parquet"), dir.resolve("data.jsonl"));
        assertEquals(DataFormat.PARQUET, DataFormat.detect(renamed));
    }

    @Test
    void refusesWhatIsNotJsonLines() throws IOException {
        Path array = Files.writeString(dir.resolve("red_team_attempts.jsonl"), "[{\"transcript\": \"x\"}]\n");
        DatasetFileException error = assertThrows(DatasetFileException.class, () -> DataFormat.detect(array));
        assertEquals(DatasetFileException.UNSUPPORTED_FORMAT, error.reason());
        assertTrue(error.getMessage().contains("one JSON array"), error.getMessage());
        Path xz = Files.write(dir.resolve("train.jsonl.xz"), new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0, 0, 0});
        assertTrue(assertThrows(DatasetFileException.class, () -> DataFormat.detect(xz)).getMessage().contains("xz"));
    }

    @Test
    void readsLinesStrictly() throws IOException {
        Path file = dir.resolve("lines.jsonl");
        Files.write(file, ("{\"a\": 1}\n\n{\"a\": 2} trailing\n{\"a\": 1, \"a\": 2}\n[1]\n{\"a\": NaN}\n{\"a\": \"\\ud83d\\udcaa\"}")
                .getBytes(StandardCharsets.UTF_8));
        List<SourceRow> rows = readAll(file);
        assertEquals(7, rows.size());
        assertEquals(ValueType.INTEGER, rows.get(0).record().type("a"));
        assertEquals(RejectReason.MALFORMED_JSON, rows.get(1).failure());
        assertEquals(RejectReason.MALFORMED_JSON, rows.get(2).failure());
        assertEquals(RejectReason.MALFORMED_JSON, rows.get(3).failure(), "duplicate keys are refused");
        assertEquals(RejectReason.MALFORMED_JSON, rows.get(4).failure());
        assertTrue(Double.isNaN(rows.get(5).record().number("a")));
        assertEquals("\uD83D\uDCAA", rows.get(6).record().text("a"), "the last line needs no newline");
        assertEquals(6, rows.get(6).row());
    }

    @Test
    void aFolderOfFilesIsOneDatasetInNameOrder() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("shards"));
        Files.writeString(folder.resolve("b.jsonl"), "{\"i\": 2}\n{\"i\": 3}\n");
        Files.writeString(folder.resolve("a.jsonl"), "{\"i\": 0}\n{\"i\": 1}\n");
        Files.writeString(folder.resolve("README.md"), "not data");
        List<SourceRow> rows = readAll(folder);
        assertEquals(4, rows.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(i, rows.get(i).row());
            assertEquals(i, rows.get(i).record().integer("i"));
        }
        assertEquals("b.jsonl", rows.get(3).file().getFileName().toString());
    }

    @Test
    void saveToDiskShardsFollowStateJson() throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (RowSource source = RowSources.open(Fixtures.file("pku-safe-rlhf/good/save_to_disk"),
                Map.of("prompt", ColumnKind.TEXT), List.of("prompt"))) {
            for (SourceRow row = source.next(); row != null; row = source.next()) {
                rows.add(SourceRow.of(row.file(), row.row(), null));
            }
        }
        assertEquals(16, rows.size());
        assertEquals(15, rows.get(15).row());
        assertEquals("data-00001-of-00002.arrow", rows.get(15).file().getFileName().toString());
    }

    @Test
    void nestedStructsAreBoundByName() throws IOException {
        try (RowSource source = RowSources.open(Fixtures.file("ultrafeedback/good/train.parquet"),
                Map.of("completions", ColumnKind.LIST), List.of("completions"))) {
            Record completion = source.next().record().records("completions").get(1);
            assertEquals(ValueType.TEXT, completion.record("annotations").record("helpfulness").type("Rating"));
            assertEquals(ValueType.LIST, completion.record("annotations").record("helpfulness").type("Type"));
            assertEquals(ValueType.NUMBER, completion.type("fine-grained_score"));
            assertEquals(ValueType.NULL, completion.type("no such field"));
        }
    }

    @Test
    void parquetIsReadInFileOrderWithOnlyTheWantedColumns() throws IOException {
        try (RowSource source = RowSources.open(Fixtures.file("pku-safe-rlhf/good/train.parquet"),
                Map.of("better_response_id", ColumnKind.INTEGER), List.of("better_response_id", "not in the file"))) {
            SourceRow first = source.next();
            assertEquals(0, first.row());
            assertEquals(ValueType.INTEGER, first.record().type("better_response_id"));
            assertEquals(ValueType.NULL, first.record().type("prompt"), "columns not asked for are not read");
            assertEquals(1, source.next().row());
        }
    }

    @Test
    void aTruncatedParquetFileIsUnreadableWithItsName() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.file("pku-safe-rlhf/good/train.parquet"));
        Path truncated = Files.write(dir.resolve("train.parquet"), Arrays.copyOf(whole, whole.length / 2));
        DatasetFileException error = assertThrows(DatasetFileException.class,
                () -> RowSources.open(truncated, Map.of(), List.of()));
        assertEquals(DatasetFileException.UNREADABLE, error.reason());
        assertTrue(error.getMessage().contains(truncated.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("not a readable Parquet file"), error.getMessage());
    }

    private static List<SourceRow> readAll(Path path) throws IOException {
        List<SourceRow> rows = new ArrayList<>();
        try (RowSource source = RowSources.open(path, Map.of(), List.of())) {
            for (SourceRow row = source.next(); row != null; row = source.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
