package dev.mopo.datasets.preset;

import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.reject.Rejection;

/** Where an assembler puts the pairs it keeps and the rows it rejects. */
public interface PairSink {

    /** A pair kept. */
    void keep(PreferenceExample example);

    /** A row rejected, with the field and value at fault. */
    void reject(Rejection rejection);
}
