package dev.mopo.djl.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code metrics.csv}: the records of {@code metrics.jsonl} as one table, for tools that read CSV.
 * One header, the union of the records' keys in the order they first appear; one row per record,
 * an empty cell where a record lacks a key. Each row goes to the file in one write, so a kill
 * leaves whole rows; when a record brings a new key, the whole file is rewritten atomically from
 * the records so far, and on opening it is rebuilt from {@code metrics.jsonl}, so it never holds a
 * row the JSON log does not.
 */
final class MetricsCsv implements AutoCloseable {

    private final Path file;
    private final Path source;
    private final Set<String> columns;
    private OutputStream out;

    private MetricsCsv(Path file, Path source, Set<String> columns, OutputStream out) {
        this.file = file;
        this.source = source;
        this.columns = columns;
        this.out = out;
    }

    /** Replaces {@code file} with the table of the JSON log {@code source} and opens it for appending. */
    static MetricsCsv rebuild(Path file, Path source) throws IOException {
        Set<String> columns = new LinkedHashSet<>();
        List<JsonNode> records = MetricsLog.records(source);
        for (JsonNode record : records) {
            record.fieldNames().forEachRemaining(columns::add);
        }
        write(file, columns, records);
        return new MetricsCsv(file, source, columns, append(file));
    }

    /**
     * Appends {@code record}, which the JSON log already ends with; a record with a key the header
     * lacks rewrites the file from the JSON log instead.
     */
    void append(JsonNode record) {
        try {
            Set<String> keys = new LinkedHashSet<>();
            record.fieldNames().forEachRemaining(keys::add);
            if (columns.containsAll(keys)) {
                out.write(row(columns, record).getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            out.close();
            columns.addAll(keys);
            write(file, columns, MetricsLog.records(source));
            out = append(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Set<String> columns, List<JsonNode> records) throws IOException {
        StringBuilder text = new StringBuilder();
        if (!columns.isEmpty()) {
            List<String> header = new ArrayList<>();
            for (String column : columns) {
                header.add(cell(column));
            }
            text.append(String.join(",", header)).append('\n');
        }
        for (JsonNode record : records) {
            text.append(row(columns, record));
        }
        AtomicFiles.writeString(file, text.toString());
    }

    private static OutputStream append(Path file) throws IOException {
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** One line: each column's value as JSON prints it (numbers, true/false, text), empty when absent. */
    private static String row(Set<String> columns, JsonNode record) {
        StringBuilder line = new StringBuilder();
        for (Iterator<String> column = columns.iterator(); column.hasNext(); ) {
            JsonNode value = record.get(column.next());
            if (value != null && !value.isNull()) {
                line.append(cell(value.asText()));
            }
            line.append(column.hasNext() ? "," : "\n");
        }
        return line.toString();
    }

    /** RFC 4180: a cell holding a comma, quote or line break is quoted, its quotes doubled. */
    private static String cell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
