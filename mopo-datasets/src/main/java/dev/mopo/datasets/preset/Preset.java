package dev.mopo.datasets.preset;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.datasets.source.ColumnKind;
import dev.mopo.datasets.source.Record;
import dev.mopo.datasets.template.TemplateChoice;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A corpus layout: the objectives its pairs are labelled under, the columns it requires, and
 * how rows become pairs. Required columns are checked for every row before the assembler sees
 * it (null or absent: {@code null_field}; a JSON value of the wrong type: {@code wrong_type}),
 * and against the schema of Arrow data before any row is read.
 */
public interface Preset {

    /** The preset's name, as given on the command line. */
    String name();

    /** The objectives, primary first; outcome {@code k} of every pair belongs to objective {@code k}. */
    ObjectiveSet objectives();

    /** Required columns and their kinds, in the order they are checked. */
    Map<String, ColumnKind> requiredColumns();

    /**
     * The text template for a checkpoint without a chat template: what {@link TemplateChoice#AUTO}
     * falls back to. {@link TemplateChoice#PLAIN} unless the corpus has a format of its own
     * (hh-rlhf's transcripts: {@link TemplateChoice#NONE}; PKU-SafeRLHF: {@link TemplateChoice#PKU}).
     */
    default TemplateChoice textTemplate() {
        return TemplateChoice.PLAIN;
    }

    /** Every column the preset reads, required or optional; others need not be read at all. */
    default Set<String> columns() {
        return requiredColumns().keySet();
    }

    /**
     * Why a file whose first row is {@code first} is not this preset's data at all (so that
     * the whole file is refused rather than every row rejected), or empty.
     */
    default Optional<String> refuse(Record first) {
        return Optional.empty();
    }

    /** A fresh assembler for one pass over one dataset. */
    PairAssembler newAssembler();
}
