package dev.mopo.bench.train;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mopo.djl.train.Setting;
import dev.mopo.djl.train.TrainConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@link TrainConfig} from a YAML file and {@code key → value} overrides: each key is a field of
 * the config in {@code snake_case}. Unknown keys and values of the wrong type are errors naming
 * the key, the value and the source.
 */
public final class TrainConfigs {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The naming the mapper binds keys with, so that the flags' names are the keys it accepts. */
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(SNAKE_CASE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private TrainConfigs() {}

    /** Every setting: its {@code snake_case} key, field and help text, in declaration order. */
    public static List<Key> keys() {
        List<Key> keys = new ArrayList<>();
        for (Field field : TrainConfig.class.getDeclaredFields()) {
            Setting setting = field.getAnnotation(Setting.class);
            if (setting != null) {
                keys.add(new Key(SNAKE_CASE.translate(field.getName()), field, setting.value()));
            }
        }
        return keys;
    }

    /** The default of every setting that has one, as text for help screens. */
    public static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        JsonNode tree = MAPPER.valueToTree(new TrainConfig());
        for (Key key : keys()) {
            JsonNode value = tree.get(key.name());
            if (value != null && !value.isNull() && !(value.isContainerNode() && value.isEmpty())) {
                defaults.put(key.name(), value.isTextual() ? value.asText() : value.toString());
            }
        }
        return defaults;
    }

    /**
     * The config in {@code yaml} (may be null) with {@code overrides} applied; a relative path in
     * the file is resolved against the file's folder.
     */
    public static TrainConfig load(Path yaml, Map<String, JsonNode> overrides) throws IOException {
        ObjectNode tree = MAPPER.createObjectNode();
        String source = "the command line";
        if (yaml != null) {
            JsonNode parsed;
            try {
                parsed = YAML.readTree(yaml.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(yaml + ": not valid YAML (" + e.getMessage().lines().findFirst()
                        .orElse("") + ")", e);
            }
            if (parsed != null && !parsed.isNull()) {
                if (!parsed.isObject()) {
                    throw new IllegalArgumentException(yaml + ": expected a mapping of settings at the top level");
                }
                tree.setAll((ObjectNode) parsed);
                resolvePaths(tree, yaml.toAbsolutePath().getParent());
            }
            source = yaml.toString();
        }
        overrides.forEach(tree::set);
        try {
            return MAPPER.treeToValue(tree, TrainConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException(source + ": unknown setting '" + e.getPropertyName() + "'; the settings are "
                    + keys().stream().map(Key::name).collect(Collectors.joining(", ")), e);
        } catch (InvalidFormatException e) {
            throw new IllegalArgumentException(source + ": setting '" + path(e) + "' cannot take the value '"
                    + e.getValue() + "' (expected " + e.getTargetType().getSimpleName() + ")", e);
        } catch (MismatchedInputException e) {
            throw new IllegalArgumentException(source + ": setting '" + path(e) + "' has the wrong shape ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** A config from a map of settings, as the demo and tests build them. */
    public static TrainConfig of(Map<String, Object> settings) throws IOException {
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        settings.forEach((key, value) -> overrides.put(key, MAPPER.valueToTree(value instanceof Path ? value.toString()
                : value)));
        return load(null, overrides);
    }

    private static void resolvePaths(ObjectNode tree, Path base) {
        for (Key key : keys()) {
            JsonNode value = tree.get(key.name());
            if (key.field().getType() == Path.class && value != null && value.isTextual()) {
                Path path = Path.of(value.asText());
                tree.put(key.name(), path.isAbsolute() ? path.toString() : base.resolve(path).normalize().toString());
            }
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream().map(reference -> reference.getFieldName() == null
                ? "[" + reference.getIndex() + "]" : reference.getFieldName()).collect(Collectors.joining("."));
    }

    /**
     * One setting.
     *
     * @param name its {@code snake_case} key
     * @param field the config field it fills
     * @param help what it means
     */
    public record Key(String name, Field field, String help) {

        /** The command-line flag: {@code --kebab-case}. */
        public String flag() {
            return "--" + name.replace('_', '-');
        }
    }
}
