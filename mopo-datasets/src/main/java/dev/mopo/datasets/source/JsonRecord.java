package dev.mopo.datasets.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** A record over a parsed JSON object. */
final class JsonRecord implements Record {

    private final JsonNode node;

    JsonRecord(JsonNode node) {
        this.node = node;
    }

    static ValueType typeOf(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return ValueType.NULL;
        }
        if (value.isTextual()) {
            return ValueType.TEXT;
        }
        if (value.isIntegralNumber()) {
            return value.canConvertToLong() ? ValueType.INTEGER : ValueType.NUMBER;
        }
        if (value.isNumber()) {
            return ValueType.NUMBER;
        }
        if (value.isBoolean()) {
            return ValueType.BOOLEAN;
        }
        if (value.isArray()) {
            return ValueType.LIST;
        }
        if (value.isObject()) {
            return ValueType.RECORD;
        }
        return ValueType.OTHER;
    }

    @Override
    public ValueType type(String field) {
        return typeOf(node.get(field));
    }

    @Override
    public String text(String field) {
        return require(field, ValueType.TEXT).textValue();
    }

    @Override
    public long integer(String field) {
        return require(field, ValueType.INTEGER).longValue();
    }

    @Override
    public double number(String field) {
        JsonNode value = node.get(field);
        ValueType type = typeOf(value);
        if (type != ValueType.INTEGER && type != ValueType.NUMBER) {
            throw wrongType(field, "a number", type);
        }
        return value.doubleValue();
    }

    @Override
    public boolean bool(String field) {
        return require(field, ValueType.BOOLEAN).booleanValue();
    }

    @Override
    public Record record(String field) {
        return new JsonRecord(require(field, ValueType.RECORD));
    }

    @Override
    public List<Record> records(String field) {
        JsonNode list = require(field, ValueType.LIST);
        if (list.isEmpty()) {
            return Collections.emptyList();
        }
        List<Record> out = new ArrayList<>(list.size());
        for (JsonNode element : list) {
            ValueType type = typeOf(element);
            if (type == ValueType.NULL) {
                out.add(null);
            } else if (type == ValueType.RECORD) {
                out.add(new JsonRecord(element));
            } else {
                throw new IllegalStateException("field '" + field + "' holds a " + type
                        + " element, expected records");
            }
        }
        return out;
    }

    @Override
    public ValueType elementType(String field) {
        for (JsonNode element : require(field, ValueType.LIST)) {
            ValueType type = typeOf(element);
            if (type != ValueType.NULL) {
                return type;
            }
        }
        return ValueType.NULL;
    }

    @Override
    public String describe(String field) {
        JsonNode value = node.get(field);
        return value == null ? "absent" : Values.shorten(value.toString());
    }

    private JsonNode require(String field, ValueType expected) {
        JsonNode value = node.get(field);
        ValueType type = typeOf(value);
        if (type != expected) {
            throw wrongType(field, expected.name().toLowerCase(Locale.ROOT), type);
        }
        return value;
    }

    private static IllegalStateException wrongType(String field, String expected, ValueType actual) {
        return new IllegalStateException("field '" + field + "' is " + actual + ", expected " + expected);
    }
}
