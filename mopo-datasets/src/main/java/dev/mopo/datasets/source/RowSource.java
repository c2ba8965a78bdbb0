package dev.mopo.datasets.source;

import java.io.IOException;

/**
 * Rows of one dataset in file order, read lazily: at most one record batch (or one line) is
 * held at a time. A returned row is valid until the next call.
 */
public interface RowSource extends AutoCloseable {

    /** The next row, or null after the last. */
    SourceRow next() throws IOException;

    /** Releases files and native memory. */
    @Override
    void close() throws IOException;
}
