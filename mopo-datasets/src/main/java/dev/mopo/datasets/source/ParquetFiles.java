package dev.mopo.datasets.source;

import dev.mopo.datasets.reject.DatasetFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;

/**
 * Parquet files read by DuckDB's Parquet reader and handed over as Arrow record batches (the
 * Arrow C stream interface), one batch at a time.
 *
 * <p>Why not Arrow Dataset's own scanner: it pre-buffers column chunks and keeps them until the
 * file is closed (Arrow issue 39808), and Arrow Java exposes no Parquet scan option to turn that
 * off, so memory grew with the size of a single file (1.2 GiB for a 550 MiB file). DuckDB streams
 * in bounded memory. Each file gets its own in-memory database with one thread (reading is a
 * small part of the pipeline's time) and no extension loading, so nothing reaches the network.
 */
final class ParquetFiles {

    /** Rows per record batch. */
    static final int BATCH_ROWS = 1024;

    private ParquetFiles() {}

    /**
     * Opens {@code file} with the columns of {@code columns} that it has, after checking
     * {@code required} against its schema.
     */
    static RowSource open(Path file, Map<String, ColumnKind> required, Collection<String> columns, long firstRow,
            BufferAllocator allocator) throws IOException {
        Connection connection = null;
        PreparedStatement statement = null;
        ResultSet rows = null;
        ArrowReader reader = null;
        try {
            connection = connect();
            Schema schema = schema(connection, file, allocator);
            try {
                ArrowSchemas.check(file, schema, required);
            } catch (DatasetFileException e) {
                throw e.withRows(countRows(connection, file));
            }
            statement = connection.prepareStatement("SELECT " + projection(schema, columns) + " FROM read_parquet(?)");
            statement.setString(1, file.toAbsolutePath().toString());
            rows = statement.executeQuery();
            reader = exportArrow(rows, allocator);
            return new ArrowRowSource(file, reader, firstRow, rows, statement, connection, allocator);
        } catch (SQLException | RuntimeException | IOException e) {
            try {
                Closer.closeAll(file, reader, rows, statement, connection, allocator);
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof DatasetFileException refused) {
                throw refused;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw new DatasetFileException(file, DatasetFileException.UNREADABLE,
                    "not a readable Parquet file: " + e.getMessage(), -1, e);
        }
    }

    private static Connection connect() throws SQLException {
        Properties settings = new Properties();
        settings.setProperty("threads", "1");
        settings.setProperty("jdbc_stream_results", "true");
        settings.setProperty("autoinstall_known_extensions", "false");
        settings.setProperty("autoload_known_extensions", "false");
        return DriverManager.getConnection("jdbc:duckdb:", settings);
    }

    private static Schema schema(Connection connection, Path file, BufferAllocator allocator) throws SQLException,
            IOException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT * FROM read_parquet(?) LIMIT 0")) {
            statement.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rows = statement.executeQuery(); ArrowReader reader = exportArrow(rows, allocator)) {
                return reader.getVectorSchemaRoot().getSchema();
            }
        }
    }

    private static long countRows(Connection connection, Path file) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
            statement.setString(1, file.toAbsolutePath().toString());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The columns of {@code wanted} that the file has, as quoted SQL identifiers; all of them when none. */
    private static String projection(Schema schema, Collection<String> wanted) {
        List<String> quoted = new ArrayList<>();
        for (String column : wanted) {
            if (schema.getFields().stream().anyMatch(f -> f.getName().equals(column))) {
                quoted.add('"' + column.replace("\"", "\"\"") + '"');
            }
        }
        return quoted.isEmpty() ? "*" : String.join(", ", quoted);
    }

    private static ArrowReader exportArrow(ResultSet rows, BufferAllocator allocator) throws SQLException {
        return (ArrowReader) rows.unwrap(DuckDBResultSet.class).arrowExportStream(allocator, BATCH_ROWS);
    }
}
