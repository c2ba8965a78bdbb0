package dev.mopo.djl.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.mopo.djl.train.config.TrainConfig;
import java.nio.file.Path;

/**
 * A run's settings as {@code train_config.json}: the groups of {@link TrainConfig} with their
 * {@code snake_case} keys, choices by key and paths as written, for the record of the run.
 */
public final class TrainConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .registerModule(new SimpleModule().addSerializer(Path.class, ToStringSerializer.instance));

    private TrainConfigJson() {}

    /** The settings as a JSON tree: one object per group, keyed by the group's name. */
    public static JsonNode tree(TrainConfig config) {
        return JSON.valueToTree(config);
    }

    /** The settings as indented JSON. */
    public static String write(TrainConfig config) {
        try {
            return JSON.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the settings as JSON: " + e.getMessage(), e);
        }
    }
}
