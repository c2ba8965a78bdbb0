package dev.mopo.bench.measure;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A benchmark's figures as one JSON file with {@code snake_case} keys, the format the Python peers
 * write too, so that either side reads the other's (unknown keys ignored).
 */
public final class FiguresFile {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private FiguresFile() {}

    /** The figures of type {@code type} in {@code file}. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return JSON.readValue(file.toFile(), type);
    }

    /** Writes {@code figures} to {@code file}. */
    public static void write(Path file, Object figures) throws IOException {
        JSON.writeValue(file.toFile(), figures);
    }
}
