package dev.mopo.datasets.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.datasets.reject.DatasetFileException;
import java.io.BufferedInputStream;
import java.io.CharConversionException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Opens a file or folder as a {@link RowSource}, whatever its format. For Arrow data the
 * schema is checked against the required columns before any row is read, and Parquet is read
 * with only the needed columns projected.
 *
 * <p>Memory: every format is streamed. JSON Lines and Arrow IPC (files, streams,
 * {@code save_to_disk} shards) hold one line or one record batch at a time, Parquet one record
 * batch ({@link ParquetFiles}), and the files of a folder are opened one at a time.
 */
public final class RowSources {

    private static final BufferAllocator ROOT = new RootAllocator();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int READ_BUFFER = 1 << 16;

    private RowSources() {}

    /**
     * Opens {@code path}.
     *
     * @param required columns that must exist with the given kind (a file error otherwise)
     * @param columns every column the caller reads (required or optional); others may be skipped
     * @throws DatasetFileException when the format is unsupported or a required column is
     *     missing or mistyped (with the file's physical row count)
     */
    public static RowSource open(Path path, Map<String, ColumnKind> required, Collection<String> columns)
            throws IOException {
        DataFormat format = DataFormat.detect(path);
        switch (format) {
            case HF_SAVE_TO_DISK:
            case DIRECTORY:
                List<Path> shards = format == DataFormat.HF_SAVE_TO_DISK ? saveToDiskShards(path) : dataFiles(path);
                return new ShardedSource(shards,
                        (shard, first) -> openFile(shard, DataFormat.detect(shard), required, columns, first));
            default:
                return openFile(path, format, required, columns, 0);
        }
    }

    private static RowSource openFile(Path file, DataFormat format, Map<String, ColumnKind> required,
            Collection<String> columns, long firstRow) throws IOException {
        switch (format) {
            case PARQUET:
                return ParquetFiles.open(file, required, columns, firstRow,
                        ROOT.newChildAllocator(file.toString(), 0, Long.MAX_VALUE));
            case ARROW_IPC_FILE:
            case ARROW_IPC_STREAM:
                return openIpc(file, format, required, firstRow);
            case JSONL:
                return new JsonLinesSource(file, new BufferedInputStream(Files.newInputStream(file), READ_BUFFER),
                        firstRow);
            case JSONL_GZIP:
                return new JsonLinesSource(file, gzip(file), firstRow);
            default:
                throw new DatasetFileException(file, DatasetFileException.UNSUPPORTED_FORMAT,
                        "a " + format + " inside a folder of data files");
        }
    }

    /** {@code file} inflated; a gzip header cut short or corrupt refuses the file (the body's faults cut rows). */
    private static InputStream gzip(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new GZIPInputStream(raw, READ_BUFFER);
        } catch (EOFException | ZipException e) {
            raw.close();
            throw new DatasetFileException(file, DatasetFileException.UNREADABLE,
                    "its gzip header is cut short or corrupt (" + e.getMessage() + ")", -1, e);
        }
    }

    private static RowSource openIpc(Path file, DataFormat format, Map<String, ColumnKind> required, long firstRow)
            throws IOException {
        BufferAllocator allocator = ROOT.newChildAllocator(file.toString(), 0, Long.MAX_VALUE);
        ArrowReader reader = null;
        try {
            reader = ipcReader(file, format, allocator);
            Schema schema = schema(file, reader);
            try {
                ArrowSchemas.check(file, schema, required);
            } catch (DatasetFileException e) {
                long rows = 0;
                while (ArrowRowSource.loadNextBatch(file, reader)) {
                    rows += reader.getVectorSchemaRoot().getRowCount();
                }
                throw e.withRows(rows);
            }
            return new ArrowRowSource(file, reader, firstRow, allocator);
        } catch (RuntimeException | IOException e) {
            try {
                Closer.closeAll(file, reader, allocator);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The schema at the start of an IPC file or stream; bytes Arrow cannot decode refuse the file. */
    private static Schema schema(Path file, ArrowReader reader) throws IOException {
        try {
            return reader.getVectorSchemaRoot().getSchema();
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError
                | AssertionError e) {
            throw ArrowRowSource.undecodable(file, e);
        }
    }

    private static ArrowReader ipcReader(Path file, DataFormat format, BufferAllocator allocator) throws IOException {
        if (format == DataFormat.ARROW_IPC_FILE) {
            return new ArrowFileReader(FileChannel.open(file, StandardOpenOption.READ), allocator);
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), READ_BUFFER);
        return new ArrowStreamReader(in, allocator);
    }

    /** The shards of a {@code save_to_disk} folder in {@code state.json}'s {@code _data_files} order. */
    private static List<Path> saveToDiskShards(Path folder) throws IOException {
        Path state = folder.resolve("state.json");
        JsonNode files;
        try {
            files = JSON.readTree(state.toFile()).get("_data_files");
        } catch (JsonProcessingException | CharConversionException e) {
            throw new DatasetFileException(state, DatasetFileException.UNREADABLE, "not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", -1, e);
        }
        if (files == null || !files.isArray() || files.isEmpty()) {
            throw new DatasetFileException(state, DatasetFileException.UNREADABLE,
                    "state.json has no '_data_files' list naming the Arrow shards");
        }
        List<Path> shards = new ArrayList<>();
        for (JsonNode entry : files) {
            JsonNode name = entry.get("filename");
            if (name == null || !name.isTextual()) {
                throw new DatasetFileException(state, DatasetFileException.UNREADABLE,
                        "a '_data_files' entry has no 'filename': " + entry);
            }
            Path shard;
            try {
                shard = folder.resolve(name.textValue()).normalize();
            } catch (InvalidPathException e) {
                throw new DatasetFileException(state, DatasetFileException.UNREADABLE,
                        "shard '" + name.textValue() + "' is not a file name", -1, e);
            }
            if (!shard.startsWith(folder.normalize())) {
                throw new DatasetFileException(state, DatasetFileException.UNREADABLE,
                        "shard '" + name.textValue() + "' lies outside the folder");
            }
            if (!Files.isRegularFile(shard)) {
                throw new DatasetFileException(state, DatasetFileException.UNREADABLE,
                        "shard '" + name.textValue() + "' is not in the folder");
            }
            shards.add(shard);
        }
        return shards;
    }

    /** Data files of a plain folder (by extension), in name order. */
    private static List<Path> dataFiles(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(Files::isRegularFile).filter(RowSources::isDataFile).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new DatasetFileException(folder, DatasetFileException.UNSUPPORTED_FORMAT,
                    "the folder holds no .parquet, .arrow, .arrows, .jsonl or .jsonl.gz files");
        }
        return files;
    }

    private static boolean isDataFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".parquet") || name.endsWith(".arrow")
                || name.endsWith(".arrows") || name.endsWith(".jsonl") || name.endsWith(".jsonl.gz"));
    }
}
