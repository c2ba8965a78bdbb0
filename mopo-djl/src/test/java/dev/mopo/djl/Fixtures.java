package dev.mopo.djl;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The model fixtures under {@code src/test/resources/models} (made by {@code make_model_fixtures.py}). */
public final class Fixtures {

    private Fixtures() {}

    /** The folder of all fixtures. */
    public static Path root() {
        try {
            return Paths.get(Fixtures.class.getResource("/models").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder of one case. */
    public static Path model(String name) {
        return root().resolve(name);
    }

    /** The names of the model cases (folders with an expected.json). */
    public static List<String> cases() {
        try (Stream<Path> folders = Files.list(root())) {
            return folders.filter(p -> Files.exists(p.resolve("expected.json")))
                    .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case's expected.json. */
    public static JsonObject expected(String name) {
        try {
            return JsonParser.parseString(Files.readString(model(name).resolve("expected.json"), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of integers. */
    public static long[] longs(JsonArray array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsLong();
        }
        return values;
    }

    /** A JSON array of numbers (null → NaN). */
    public static float[] floats(JsonArray array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonElement v = array.get(i);
            values[i] = v.isJsonNull() ? Float.NaN : v.getAsFloat();
        }
        return values;
    }

    /** Copies a fixture folder into {@code target} (for tests that alter files). */
    public static Path copy(String name, Path target) throws IOException {
        Path source = model(name);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }
}
