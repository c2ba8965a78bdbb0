package dev.mopo.bench.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of records, one JSON object per line ({@code snake_case} keys), each line
 * flushed as it is written so that an interrupted evaluation loses nothing it finished. Opening it
 * again reads what is there and drops a last line cut short (no line break), so appending
 * continues cleanly.
 *
 * @param <T> the record type
 */
final class JsonLines<T> implements Closeable {

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;
    private final List<T> existing;
    private final BufferedWriter out;

    private JsonLines(Path file, List<T> existing, BufferedWriter out) {
        this.file = file;
        this.existing = existing;
        this.out = out;
    }

    /** Opens {@code file} for appending (creating it), after reading its complete records. */
    static <T> JsonLines<T> open(Path file, Class<T> type) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<T> records = new ArrayList<>();
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int complete = lastLineBreak(bytes) + 1;
            if (complete < bytes.length) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(complete);
                }
            }
            records = parse(file, new String(bytes, 0, complete, StandardCharsets.UTF_8), type);
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return new JsonLines<>(file, records, out);
    }

    /** The complete records of {@code file} (none when it does not exist), a last line cut short left out. */
    static <T> List<T> read(Path file, Class<T> type) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        byte[] bytes = Files.readAllBytes(file);
        return parse(file, new String(bytes, 0, lastLineBreak(bytes) + 1, StandardCharsets.UTF_8), type);
    }

    private static int lastLineBreak(byte[] bytes) {
        int end = bytes.length - 1;
        while (end >= 0 && bytes[end] != '\n') {
            end--;
        }
        return end;
    }

    private static <T> List<T> parse(Path file, String text, Class<T> type) {
        List<T> records = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(JSON.readValue(line, type));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(file + ":" + number + ": not a record of this evaluation ("
                        + e.getOriginalMessage().lines().findFirst().orElse("") + "); move the file away to start"
                        + " that stage again");
            }
        }
        return records;
    }

    /** The records the file held when opened. */
    List<T> existing() {
        return existing;
    }

    /** Appends a record and flushes it. */
    void append(T record) {
        try {
            out.write(JSON.writeValueAsString(record));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
