package dev.mopo.datasets.read;

import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.ColumnKind;
import dev.mopo.datasets.source.Record;
import dev.mopo.datasets.source.SourceRow;
import dev.mopo.datasets.source.ValueType;
import java.util.Locale;
import java.util.Map;

/** The checks every row passes before a preset sees it: required fields present, then well typed. */
final class FieldChecks {

    private FieldChecks() {}

    /** The first problem with the row's required fields, or null. Null checks come before type checks. */
    static Rejection check(SourceRow row, Map<String, ColumnKind> required) {
        Record record = row.record();
        ValueType[] types = new ValueType[required.size()];
        int i = 0;
        for (String field : required.keySet()) {
            types[i] = record.type(field);
            if (types[i++] == ValueType.NULL) {
                return new Rejection(row.file(), row.row(), RejectReason.NULL_FIELD,
                        "'" + field + "' is " + record.describe(field));
            }
        }
        i = 0;
        for (Map.Entry<String, ColumnKind> entry : required.entrySet()) {
            String field = entry.getKey();
            ValueType type = types[i++];
            if (!entry.getValue().accepts(type)) {
                return new Rejection(row.file(), row.row(), RejectReason.WRONG_TYPE,
                        "'" + field + "' is " + article(type) + " (" + record.describe(field) + "), expected "
                                + entry.getValue().description());
            }
        }
        return null;
    }

    private static String article(ValueType type) {
        String name = type == ValueType.TEXT ? "string" : type.name().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }
}
