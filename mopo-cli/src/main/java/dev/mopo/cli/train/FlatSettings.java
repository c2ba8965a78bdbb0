package dev.mopo.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.mopo.djl.train.TrainConfigJson;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link TrainConfig} as the flat {@code snake_case} keys users write: its groups (and the token
 * limits) flattened. Gives {@code --print-config} its YAML and {@code --help} the default of every
 * setting.
 */
final class FlatSettings {

    /** Settings without a default of their own: required, or defaulting to another setting. */
    private static final Set<String> DERIVED = Set.of("model", "reference", "reference_cache", "dataset_preset",
            "dataset_path", "output");
    private static final Set<String> NESTED = Set.of("token_limits");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private FlatSettings() {}

    /** Every setting of {@code config}, key → value. */
    static ObjectNode of(TrainConfig config) {
        ObjectNode flat = YAML.createObjectNode();
        for (Iterator<JsonNode> groups = TrainConfigJson.tree(config).elements(); groups.hasNext();) {
            flatten(groups.next(), flat);
        }
        return flat;
    }

    /** {@code config} as a YAML file {@code mopo train --config} reads back. */
    static String yaml(TrainConfig config) {
        try {
            return YAML.writeValueAsString(of(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The default of every setting that has one, as text for help screens; empty lists and maps left out. */
    static Map<String, String> defaults() {
        Path placeholder = Path.of("placeholder");
        ObjectNode flat = of(TrainConfig.builder().model(placeholder).datasetPreset("placeholder")
                .datasetPath(placeholder).output(placeholder).build());
        Map<String, String> texts = new LinkedHashMap<>();
        flat.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!DERIVED.contains(field.getKey()) && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                texts.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
            }
        });
        return texts;
    }

    private static void flatten(JsonNode group, ObjectNode flat) {
        group.fields().forEachRemaining(field -> {
            if (NESTED.contains(field.getKey())) {
                flatten(field.getValue(), flat);
            } else {
                flat.set(field.getKey(), field.getValue());
            }
        });
    }
}
