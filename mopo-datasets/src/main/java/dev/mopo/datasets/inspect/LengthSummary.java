package dev.mopo.datasets.inspect;

/**
 * Lengths of one field over the kept pairs, in characters or tokens.
 *
 * @param count how many lengths
 * @param min the shortest
 * @param mean the mean
 * @param p50 the median
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param max the longest
 */
public record LengthSummary(long count, int min, double mean, int p50, int p95, int p99, int max) {}
