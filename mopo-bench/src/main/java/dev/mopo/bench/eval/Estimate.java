package dev.mopo.bench.eval;

/**
 * A mean with its bootstrap confidence interval.
 *
 * @param value the mean over every sample
 * @param low the interval's lower end
 * @param high the interval's upper end
 */
public record Estimate(double value, double low, double high) {}
