/**
 * The data-pipeline benchmark behind {@code mopo bench data}: read, label, render, tokenise and
 * batch a Parquet corpus, reporting throughput and memory.
 */
package dev.mopo.datasets.bench;
