package dev.mopo.datasets.source;

import dev.mopo.datasets.reject.DatasetFileException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.apache.arrow.vector.FieldVector;
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
            if (!loadNextBatch(file, reader)) {
                return null;
            }
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            columns = ArrowColumns.of(root);
            batchRows = root.getRowCount();
            rowInBatch = 0;
        }
        return SourceRow.of(file, row++, new ArrowRecord(columns, rowInBatch++));
    }

    /**
     * The reader's next record batch, its offsets and buffers checked ({@code validateFull}) so that
     * rows read from it stay inside its buffers. Bytes Arrow cannot decode are the file's fault, a
     * {@link DatasetFileException}: Arrow throws whatever its decoder hits (IOException,
     * IllegalArgumentException, IndexOutOfBoundsException …, OutOfMemoryError for a length field
     * of gigabytes, StackOverflowError for a schema whose children loop, AssertionError from its own
     * checks under {@code -ea}). Failures of the file system itself stay I/O errors.
     */
    static boolean loadNextBatch(Path file, ArrowReader reader) throws IOException {
        try {
            if (!reader.loadNextBatch()) {
                return false;
            }
            for (FieldVector vector : reader.getVectorSchemaRoot().getFieldVectors()) {
                vector.validateFull();
            }
            return true;
        } catch (DatasetFileException | FileSystemException e) {
            throw e;
        } catch (IOException | RuntimeException | OutOfMemoryError | StackOverflowError
                | AssertionError e) {
            throw undecodable(file, e);
        }
    }

    /** {@code e}, thrown while decoding {@code file}, as the refusal of the file. */
    static DatasetFileException undecodable(Path file, Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse("");
        return new DatasetFileException(file, DatasetFileException.UNREADABLE,
                "its Arrow data cannot be decoded (" + message + ")", -1, e);
    }

    @Override
    public void close() throws IOException {
        Closer.closeAll(file, reader, resources);
    }
}
