package dev.mopo.djl.score;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The reward-model fixtures under {@code src/test/resources/reward-models} (made by {@code make_reward_fixtures.py}). */
final class RewardFixtures {

    private RewardFixtures() {}

    /** The folder of one case. */
    static Path model(String name) {
        return Fixtures.root().resolveSibling("reward-models").resolve(name);
    }

    /** The names of the cases. */
    static List<String> cases() {
        try (Stream<Path> folders = Files.list(model(""))) {
            return folders.filter(p -> Files.exists(p.resolve("expected.json")))
                    .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case's expected.json. */
    static JsonObject expected(String name) {
        try {
            return JsonParser.parseString(Files.readString(model(name).resolve("expected.json"), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON matrix of integers. */
    static long[][] longRows(JsonArray rows) {
        long[][] values = new long[rows.size()][];
        for (int r = 0; r < values.length; r++) {
            values[r] = Fixtures.longs(rows.get(r).getAsJsonArray());
        }
        return values;
    }

    /** A JSON matrix of numbers. */
    static float[][] floatRows(JsonArray rows) {
        float[][] values = new float[rows.size()][];
        for (int r = 0; r < values.length; r++) {
            values[r] = Fixtures.floats(rows.get(r).getAsJsonArray());
        }
        return values;
    }

    /** Copies a case into {@code target} (for tests that alter files). */
    static Path copy(String name, Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(model(name))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }
}
