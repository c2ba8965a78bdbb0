package dev.mopo.datasets.preset;

import dev.mopo.datasets.source.SourceRow;

/**
 * Turns rows into pairs, in row order. Most presets make one pair per row; HelpSteer2 pairs
 * consecutive rows and UltraFeedback may make several pairs per row, so an assembler may hold
 * state between rows and emit the rest in {@link #finish}.
 */
public interface PairAssembler {

    /**
     * Handles one decoded row whose required fields are present and well typed. The row's
     * record is valid only during this call.
     */
    void accept(SourceRow row, PairSink sink);

    /** Emits whatever is still held after the last row. */
    default void finish(PairSink sink) {}
}
