/**
 * The MOPO algorithm and its baselines, independent of any model.
 *
 * <ul>
 *   <li>{@link dev.mopo.core.objective} — objectives and per-pair outcomes (the extension point);
 *   <li>{@link dev.mopo.core.batch} — a batch of preference pairs with policy and reference
 *       log-probs;
 *   <li>{@link dev.mopo.core.loss} — MOPO's policy steps (the published behaviour cloning, the
 *       regression) and the DPO/IPO family;
 *   <li>{@link dev.mopo.core.tilt} — the published algorithm's per-response weights: preference
 *       values, the tilted ratio of Eq. 3 and the robust bound of Eq. 8;
 *   <li>{@link dev.mopo.core.dual} — the multiplier rules behind one contract
 *       ({@link dev.mopo.core.dual.MultiplierStep}): the data dual (MOPO-Lag, MOPO-LB) and the
 *       ascent on estimated win rates;
 *   <li>{@link dev.mopo.core.tabular} — the exact constrained optimum for finite response sets;
 *   <li>{@link dev.mopo.core.pareto} — Pareto filtering and exact hypervolume.
 * </ul>
 *
 * <p>The specification is {@code design/MOPO.md}; section numbers in the Javadoc refer to it.
 */
package dev.mopo.core;
