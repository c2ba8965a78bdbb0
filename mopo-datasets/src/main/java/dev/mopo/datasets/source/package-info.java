/**
 * Streaming row sources: Parquet (read by DuckDB, handed over as Arrow batches), Arrow IPC files
 * and streams, {@code datasets.save_to_disk} folders, JSON Lines and gzip'd JSON Lines. The
 * format is sniffed from the first bytes, never taken from the extension. Rows are read one
 * record batch (or one line) at a time, so memory does not grow with the file, and fields are
 * bound by name at any depth, never by position.
 */
package dev.mopo.datasets.source;
