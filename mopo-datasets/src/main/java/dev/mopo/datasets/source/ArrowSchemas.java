package dev.mopo.datasets.source;

import dev.mopo.datasets.reject.DatasetFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/** Checks an Arrow schema against the columns a preset requires, and names Arrow types. */
final class ArrowSchemas {

    private ArrowSchemas() {}

    /**
     * Fails with {@code missing_column} when a required column is absent (every column is
     * checked for presence first), then with {@code wrong_type} when one has the wrong type.
     * No value is ever coerced: a string column of digits is not an integer column.
     */
    static void check(Path file, Schema schema, Map<String, ColumnKind> required) {
        for (String column : required.keySet()) {
            if (find(schema, column) == null) {
                throw new DatasetFileException(file, DatasetFileException.MISSING_COLUMN,
                        "required column '" + column + "' is absent; the columns are " + names(schema));
            }
        }
        for (Map.Entry<String, ColumnKind> entry : required.entrySet()) {
            Field field = find(schema, entry.getKey());
            if (!entry.getValue().accepts(typeOf(field.getType()))) {
                throw new DatasetFileException(file, DatasetFileException.WRONG_TYPE, "column '"
                        + entry.getKey() + "' has type " + describe(field) + ", expected "
                        + entry.getValue().description());
            }
        }
    }

    static ValueType typeOf(ArrowType type) {
        switch (type.getTypeID()) {
            case Utf8:
            case LargeUtf8:
            case Utf8View:
                return ValueType.TEXT;
            case Int:
                return ValueType.INTEGER;
            case FloatingPoint:
                return ValueType.NUMBER;
            case Bool:
                return ValueType.BOOLEAN;
            case List:
            case LargeList:
                return ValueType.LIST;
            case Struct:
                return ValueType.RECORD;
            case Null:
                return ValueType.NULL;
            default:
                return ValueType.OTHER;
        }
    }

    /** A pyarrow-style name: {@code string}, {@code int64}, {@code list<struct<…>>}. */
    static String describe(Field field) {
        ArrowType type = field.getType();
        switch (type.getTypeID()) {
            case Utf8:
                return "string";
            case LargeUtf8:
                return "large_string";
            case Utf8View:
                return "string_view";
            case Int: {
                ArrowType.Int integer = (ArrowType.Int) type;
                return (integer.getIsSigned() ? "int" : "uint") + integer.getBitWidth();
            }
            case FloatingPoint:
                switch (((ArrowType.FloatingPoint) type).getPrecision()) {
                    case HALF:
                        return "halffloat";
                    case SINGLE:
                        return "float";
                    default:
                        return "double";
                }
            case Bool:
                return "bool";
            case List:
            case LargeList:
                return (type.getTypeID() == ArrowType.ArrowTypeID.List ? "list<" : "large_list<")
                        + describe(field.getChildren().get(0)) + ">";
            case Struct: {
                StringJoiner fields = new StringJoiner(", ", "struct<", ">");
                for (Field child : field.getChildren()) {
                    fields.add(child.getName() + ": " + describe(child));
                }
                return fields.toString();
            }
            default:
                return type.toString();
        }
    }

    private static Field find(Schema schema, String name) {
        for (Field field : schema.getFields()) {
            if (field.getName().equals(name)) {
                return field;
            }
        }
        return null;
    }

    private static String names(Schema schema) {
        StringJoiner names = new StringJoiner(", ", "[", "]");
        for (Field field : schema.getFields()) {
            names.add(field.getName());
        }
        return names.toString();
    }
}
