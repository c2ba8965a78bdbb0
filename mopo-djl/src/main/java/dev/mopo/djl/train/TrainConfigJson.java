package dev.mopo.djl.train;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A run's settings as {@code train_config.json}: the groups of {@link TrainConfig} with their
 * {@code snake_case} keys, choices by key and paths made absolute, for the record of the run and
 * for checking that a resumed run is the same run.
 */
public final class TrainConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .registerModule(new SimpleModule().addSerializer(Path.class, new StdSerializer<>(Path.class) {
                @Override
                public void serialize(Path path, JsonGenerator out, SerializerProvider provider) throws IOException {
                    out.writeString(path.toAbsolutePath().normalize().toString());
                }
            }));

    private TrainConfigJson() {}

    /** The settings as a JSON tree: one object per group, keyed by the group's name. */
    public static JsonNode tree(TrainConfig config) {
        return JSON.valueToTree(config);
    }

    /**
     * Fails unless {@code config} continues the run whose settings {@code saved} holds: only where and how
     * it runs may change on resume ({@link #RESUMABLE}), never what it computes. A folder without
     * the file (a run from before it was written) is accepted.
     */
    static void requireSameRun(Path saved, TrainConfig config) throws IOException {
        if (!Files.isRegularFile(saved)) {
            return;
        }
        Map<String, String> before = flatten(JSON.readTree(saved.toFile()));
        Map<String, String> now = flatten(tree(config));
        List<String> changes = new ArrayList<>();
        for (String key : now.keySet()) {
            if (!RESUMABLE.contains(key) && !Objects.equals(before.get(key), now.get(key))) {
                changes.add(key.substring(key.lastIndexOf('.') + 1) + " " + before.get(key) + " -> " + now.get(key));
            }
        }
        if (!changes.isEmpty()) {
            throw new IllegalArgumentException("--resume: these settings differ from the run in " + saved.getParent()
                    + ", and would change what it computes: " + String.join(", ", changes)
                    + "; resume with the run's own settings (" + saved.getFileName() + ") or start a new run in another"
                    + " output folder");
        }
    }

    /** group.key → value text, with the token limits under the data group. */
    private static Map<String, String> flatten(JsonNode tree) {
        Map<String, String> flat = new LinkedHashMap<>();
        tree.fields().forEachRemaining(group -> group.getValue().fields().forEachRemaining(field -> {
            if (field.getValue().isObject() && field.getKey().equals("token_limits")) {
                field.getValue().fields().forEachRemaining(limit ->
                        flat.put(group.getKey() + "." + limit.getKey(), text(limit.getValue())));
            } else {
                flat.put(group.getKey() + "." + field.getKey(), text(field.getValue()));
            }
        }));
        return flat;
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** The settings a resumed run may change: where it runs, how often it logs, evaluates and saves. */
    private static final Set<String> RESUMABLE = Set.of("model.reference_cache", "runtime.output", "runtime.device",
            "runtime.eval_interval", "runtime.save_interval", "runtime.save_total_limit", "runtime.logging_steps",
            "runtime.max_skipped_steps");

    /** The settings as indented JSON. */
    public static String write(TrainConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the settings as JSON: " + e.getMessage(), e);
        }
    }
}
