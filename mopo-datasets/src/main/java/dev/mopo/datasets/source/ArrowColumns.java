package dev.mopo.datasets.source;

import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.StructVector;

/**
 * The columns of one record batch (or the children of one struct vector) by name, with the
 * lookups of nested structs cached so that per-row access does no more than a map lookup.
 * Valid for one batch.
 */
final class ArrowColumns {

    private final Map<String, FieldVector> byName;
    private final Map<String, ArrowColumns> nested = new HashMap<>();

    private ArrowColumns(Map<String, FieldVector> byName) {
        this.byName = byName;
    }

    static ArrowColumns of(VectorSchemaRoot root) {
        Map<String, FieldVector> byName = new HashMap<>();
        for (FieldVector vector : root.getFieldVectors()) {
            byName.putIfAbsent(vector.getName(), vector);
        }
        return new ArrowColumns(byName);
    }

    static ArrowColumns of(StructVector struct) {
        Map<String, FieldVector> byName = new HashMap<>();
        for (String name : struct.getChildFieldNames()) {
            byName.putIfAbsent(name, struct.getChild(name, FieldVector.class));
        }
        return new ArrowColumns(byName);
    }

    /** The vector of a column, or null when there is none of that name. */
    FieldVector get(String name) {
        return byName.get(name);
    }

    /** The columns of a struct vector reached through {@code name}, cached. */
    ArrowColumns nested(String name, StructVector struct) {
        ArrowColumns columns = nested.get(name);
        if (columns == null) {
            columns = of(struct);
            nested.put(name, columns);
        }
        return columns;
    }
}
