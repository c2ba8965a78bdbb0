/**
 * The data-pipeline benchmark behind {@code mopo bench data}: read, label, render, tokenise and
 * batch a Parquet corpus, reporting throughput and memory; and the process-memory reader the
 * other benchmarks share.
 */
package dev.mopo.datasets.bench;
