package dev.mopo.djl.train;

import java.util.Map;

/**
 * One multiplier update as the logs show it, by objective name.
 *
 * @param lambda {@code λ_k} per constrained objective after the update
 * @param winRates the smoothed win-rate estimates {@code P̂_k} per objective the update used
 * @param ess the estimate's effective sample size
 * @param essFraction the effective sample size over the responses behind it
 * @param reliable false when the effective sample size collapsed
 */
public record DualRecord(Map<String, Double> lambda, Map<String, Double> winRates, double ess, double essFraction,
        boolean reliable) {}
