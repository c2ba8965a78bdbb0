package dev.mopo.djl.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.mopo.core.io.AtomicFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per training step or evaluation, flushed as written so
 * that a crash loses nothing. On resume, records after the checkpoint's step are dropped first,
 * so the file reads as one uninterrupted run.
 */
final class MetricsLog implements AutoCloseable {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens {@code file} for appending, first dropping records with a step after {@code keepUpTo}. */
    static MetricsLog open(Path file, long keepUpTo) throws IOException {
        if (Files.exists(file)) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && GSON.fromJson(line, JsonObject.class).get("step").getAsLong() <= keepUpTo) {
                    kept.add(line);
                }
            }
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    /** Appends one record. */
    void append(Map<String, Object> record) {
        try {
            out.write(GSON.toJson(record));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write metrics.jsonl: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
