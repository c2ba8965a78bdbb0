package dev.mopo.bench.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Command-line values of config settings, as JSON for {@link TrainConfigs#load}: numbers for
 * numeric fields, {@code a,b,c} for lists, {@code name=value,name=value} for maps.
 */
public final class SettingFlags {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SettingFlags() {}

    /** The JSON value of {@code text} given for {@code key}; a malformed value names the flag. */
    public static JsonNode parse(TrainConfigs.Key key, String text) {
        Class<?> type = key.field().getType();
        try {
            if (type == double.class) {
                return JSON.numberNode(Double.parseDouble(text.trim()));
            }
            if (type == int.class) {
                return JSON.numberNode(Integer.parseInt(text.trim()));
            }
            if (type == long.class) {
                return JSON.numberNode(Long.parseLong(text.trim()));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key.flag() + ": expected a number, got '" + text + "'");
        }
        if (type == String.class || type == Path.class) {
            return JSON.textNode(text);
        }
        if (type == List.class) {
            ArrayNode array = JSON.arrayNode();
            for (String item : text.split(",")) {
                array.add(item.trim());
            }
            return array;
        }
        if (type == Map.class) {
            return map(key, text);
        }
        throw new IllegalStateException("no flag syntax for " + key.name() + " of type " + type);
    }

    /** A human description of the value a flag takes, for {@code --help}. */
    public static String label(TrainConfigs.Key key) {
        Class<?> type = key.field().getType();
        if (type == Map.class) {
            return "NAME=VALUE[,NAME=VALUE...]";
        }
        if (type == List.class) {
            return "NAME[,NAME...]";
        }
        if (type == Path.class) {
            return "PATH";
        }
        return type == String.class ? "NAME" : "NUMBER";
    }

    private static ObjectNode map(TrainConfigs.Key key, String text) {
        boolean numeric = valueType(key) == Double.class;
        ObjectNode map = JSON.objectNode();
        for (String entry : text.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(key.flag() + ": expected NAME=VALUE pairs, got '" + entry + "'");
            }
            String name = entry.substring(0, eq).trim();
            String value = entry.substring(eq + 1).trim();
            if (numeric) {
                try {
                    map.put(name, Double.parseDouble(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(key.flag() + ": the value of '" + name
                            + "' must be a number, got '" + value + "'");
                }
            } else {
                map.put(name, value);
            }
        }
        return map;
    }

    private static Type valueType(TrainConfigs.Key key) {
        Type generic = key.field().getGenericType();
        return generic instanceof ParameterizedType ? ((ParameterizedType) generic).getActualTypeArguments()[1] : Object.class;
    }
}
