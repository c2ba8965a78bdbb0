package dev.mopo.djl.train;

import java.util.Map;

/**
 * One evaluation on the held-out pairs.
 *
 * @param step the optimiser step after which it ran
 * @param pairs the held-out pairs scored
 * @param loss the loss, averaged over pairs
 * @param lossMetrics the loss's metrics, averaged over pairs
 * @param winRates SNIS win-rate estimates over all held-out pairs, by objective
 * @param ess their effective sample size
 */
public record EvalRecord(long step, int pairs, double loss, Map<String, Double> lossMetrics,
        Map<String, Double> winRates, double ess) {}
