package dev.mopo.datasets.source;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * Rows of any Arrow reader (a Parquet scan, an IPC file, an IPC stream), one record batch at a
 * time. Rows are numbered on across batches.
 */
final class ArrowRowSource implements RowSource {

    private final Path file;
    private final ArrowReader reader;
    private final AutoCloseable[] resources;
    private ArrowColumns columns;
    private int batchRows;
    private int rowInBatch;
    private long row;

    /**
     * @param resources closed after the reader, in order (scanner, dataset, allocator …)
     */
    ArrowRowSource(Path file, ArrowReader reader, long firstRow, AutoCloseable... resources) {
        this.file = file;
        this.reader = reader;
        this.row = firstRow;
        this.resources = resources;
    }

    @Override
    public SourceRow next() throws IOException {
        while (rowInBatch >= batchRows) {
            if (!reader.loadNextBatch()) {
                return null;
            }
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            columns = ArrowColumns.of(root);
            batchRows = root.getRowCount();
            rowInBatch = 0;
        }
        return SourceRow.of(file, row++, new ArrowRecord(columns, rowInBatch++));
    }

    @Override
    public void close() throws IOException {
        Closer.closeAll(file, reader, resources);
    }
}
