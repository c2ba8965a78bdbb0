package dev.mopo.datasets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The committed dataset fixtures and their expected.json. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    /** The fixtures folder, {@code src/test/resources/datasets}, as found on the class path. */
    public static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/datasets/expected.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture file by its path relative to the fixtures folder. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** The parsed expected.json. */
    public static JsonNode expected() {
        try {
            return JSON.readTree(root().resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entries of expected.json's {@code files}. */
    public static List<JsonNode> entries() {
        List<JsonNode> entries = new ArrayList<>();
        expected().get("files").forEach(entries::add);
        return entries;
    }

    /** The entry for one file. */
    public static JsonNode entry(String relative) {
        for (JsonNode entry : entries()) {
            if (entry.get("path").asText().equals(relative)) {
                return entry;
            }
        }
        throw new IllegalArgumentException("no entry for " + relative + " in expected.json");
    }

    /** The preset an entry names, with its options (lists joined by commas). */
    public static Preset preset(JsonNode entry) {
        Map<String, String> options = new HashMap<>();
        entry.get("options").fields().forEachRemaining(option -> {
            JsonNode value = option.getValue();
            if (value.isArray()) {
                List<String> parts = new ArrayList<>();
                value.forEach(part -> parts.add(part.asText()));
                options.put(option.getKey(), String.join(",", parts));
            } else {
                options.put(option.getKey(), value.asText());
            }
        });
        return Presets.create(entry.get("preset").asText(), options, file(entry.get("path").asText()));
    }
}
