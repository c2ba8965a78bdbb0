package dev.mopo.datasets.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The rows of several files read as one dataset, in the given order, opened one at a time.
 * Rows are numbered on across shards, as {@code datasets} numbers the rows of a
 * {@code save_to_disk} folder.
 */
final class ShardedSource implements RowSource {

    /** Opens one shard whose first row has the given number. */
    interface Opener {
        RowSource open(Path shard, long firstRow) throws IOException;
    }

    private final List<Path> shards;
    private final Opener opener;
    private int next;
    private RowSource current;
    private long rows;

    ShardedSource(List<Path> shards, Opener opener) {
        this.shards = List.copyOf(shards);
        this.opener = opener;
    }

    @Override
    public SourceRow next() throws IOException {
        while (true) {
            if (current == null) {
                if (next == shards.size()) {
                    return null;
                }
                current = opener.open(shards.get(next++), rows);
            }
            SourceRow row = current.next();
            if (row != null) {
                rows = row.row() + 1;
                return row;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
