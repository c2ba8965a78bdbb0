/**
 * Multi-objective preference corpora, from files on disk to tokenised batches.
 *
 * <ul>
 *   <li>{@link dev.mopo.datasets.source} — streaming readers for Parquet, Arrow IPC files and
 *       streams, {@code datasets.save_to_disk} folders and (gzip'd) JSON Lines, with the format
 *       sniffed from the bytes;
 *   <li>{@link dev.mopo.datasets.preset} — how each public corpus (PKU-SafeRLHF, HH-RLHF,
 *       UltraFeedback, HelpSteer2) or a generic column mapping becomes labelled pairs;
 *   <li>{@link dev.mopo.datasets.read} — a preset over a source: pairs out, bad rows skipped
 *       and counted (or, strictly, the first one reported);
 *   <li>{@link dev.mopo.datasets.example} — the preference example itself;
 *   <li>{@link dev.mopo.datasets.template} — chat templates (a checkpoint's Jinja template, a
 *       plain fallback, the PKU conversation style);
 *   <li>{@link dev.mopo.datasets.batch} — tokenised, truncated, padded, length-grouped batches
 *       and a stable train/eval split;
 *   <li>{@link dev.mopo.datasets.inspect} — what a corpus holds and what was thrown away.
 * </ul>
 */
package dev.mopo.datasets;
