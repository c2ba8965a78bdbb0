/**
 * The MOPO algorithm and its baselines, independent of any model.
 *
 * <ul>
 *   <li>{@link dev.mopo.core.objective} — objectives and per-pair outcomes (the extension point);
 *   <li>{@link dev.mopo.core.batch} — a batch of preference pairs with policy and reference
 *       log-probs;
 *   <li>{@link dev.mopo.core.loss} — MOPO's regression loss and the DPO/IPO family;
 *   <li>{@link dev.mopo.core.dual} — win-rate estimators and the projected dual step on the
 *       Lagrange multipliers;
 *   <li>{@link dev.mopo.core.tabular} — the exact constrained optimum for finite response sets;
 *   <li>{@link dev.mopo.core.pareto} — Pareto filtering and exact hypervolume.
 * </ul>
 *
 * <p>The specification is {@code design/MOPO.md}; section numbers in the Javadoc refer to it.
 */
package dev.mopo.core;
