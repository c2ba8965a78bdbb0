package dev.mopo.datasets.preset;

import dev.mopo.datasets.source.ColumnKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Builds the ordered, unmodifiable column maps presets declare. */
final class RequiredColumns {

    private final Map<String, ColumnKind> columns = new LinkedHashMap<>();

    /** Adds a required column; names must be distinct. */
    RequiredColumns add(String name, ColumnKind kind) {
        if (columns.put(name, kind) != null) {
            throw new IllegalArgumentException("column '" + name + "' is required twice");
        }
        return this;
    }

    Map<String, ColumnKind> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** The required columns followed by optional ones. */
    static Set<String> withOptional(Map<String, ColumnKind> required, String... optional) {
        Set<String> all = new LinkedHashSet<>(required.keySet());
        Collections.addAll(all, optional);
        return Collections.unmodifiableSet(all);
    }
}
