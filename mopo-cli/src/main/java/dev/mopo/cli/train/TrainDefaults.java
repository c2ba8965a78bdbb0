package dev.mopo.cli.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mopo.djl.train.TrainConfigJson;
import dev.mopo.djl.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The default of every setting, as {@link TrainConfig.Builder} holds it, by {@code snake_case} key
 * and as text for {@code --help}: read off a config built from the defaults, its groups (and the
 * token limits) flattened into the keys users write.
 */
final class TrainDefaults {

    /** Settings without a default of their own: required, or defaulting to another setting. */
    private static final Set<String> DERIVED = Set.of("model", "reference", "reference_cache", "dataset_preset",
            "dataset_path", "output");
    private static final Set<String> NESTED = Set.of("token_limits");

    private TrainDefaults() {}

    /** Key → default text; settings that default to nothing (empty lists and maps) are left out. */
    static Map<String, String> all() {
        Path placeholder = Path.of("placeholder");
        TrainConfig defaults = TrainConfig.builder().model(placeholder).datasetPreset("placeholder")
                .datasetPath(placeholder).output(placeholder).build();
        Map<String, String> texts = new LinkedHashMap<>();
        for (Iterator<JsonNode> groups = TrainConfigJson.tree(defaults).elements(); groups.hasNext();) {
            flatten(groups.next(), texts);
        }
        texts.keySet().removeAll(DERIVED);
        return texts;
    }

    private static void flatten(JsonNode group, Map<String, String> texts) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = group.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (NESTED.contains(field.getKey())) {
                flatten(value, texts);
            } else if (!value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                texts.put(field.getKey(), value.isTextual() ? value.asText() : value.toString());
            }
        }
    }
}
