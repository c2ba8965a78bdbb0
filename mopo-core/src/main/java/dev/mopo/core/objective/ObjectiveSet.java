package dev.mopo.core.objective;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The K objectives of a run, in order: the first is the primary objective (maximised), the
 * others are constrained (lower-bounded by thresholds). Outcome column {@code k} of a batch
 * belongs to objective {@code k}.
 */
public final class ObjectiveSet {

    private final List<String> names;

    private ObjectiveSet(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** Objectives by name, primary first. Names must be distinct and non-blank. */
    public static ObjectiveSet of(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("objectives must name at least one objective, got " + names);
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("objective names must be non-blank, got " + names);
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("objective '" + name + "' is listed twice in " + names);
            }
        }
        return new ObjectiveSet(names);
    }

    /** Objectives by name, primary first. */
    public static ObjectiveSet of(String... names) {
        return of(List.of(names));
    }

    /** The names of objectives {@code o_1 … o_K}, primary first. */
    public static ObjectiveSet fromObjectives(List<? extends Objective<?>> objectives) {
        List<String> names = new ArrayList<>();
        for (Objective<?> objective : objectives) {
            names.add(objective.name());
        }
        return of(names);
    }

    /** K, the number of objectives. */
    public int size() {
        return names.size();
    }

    /** The number of constrained objectives, K − 1. */
    public int constrainedCount() {
        return names.size() - 1;
    }

    /** All names, primary first. */
    public List<String> names() {
        return names;
    }

    /** The name of objective {@code k} (0-based; 0 is the primary). */
    public String name(int k) {
        return names.get(k);
    }

    /** The primary objective's name. */
    public String primary() {
        return names.get(0);
    }

    /** The constrained objectives' names. */
    public List<String> constrained() {
        return names.subList(1, names.size());
    }

    /** The 0-based index of a named objective; an unknown name is an error listing the known ones. */
    public int indexOf(String name) {
        int index = names.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("unknown objective '" + name + "'; the objectives are " + names);
        }
        return index;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ObjectiveSet && ((ObjectiveSet) other).names.equals(names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
