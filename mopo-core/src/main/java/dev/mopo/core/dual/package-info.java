/**
 * The multiplier side of MOPO (spec §5): estimators of the policy's win rates from offline pairs
 * ({@link dev.mopo.core.dual.SnisEstimator}, {@link dev.mopo.core.dual.PairwiseEstimator},
 * {@link dev.mopo.core.dual.OracleEstimator}) and the projected dual step
 * {@link dev.mopo.core.dual.DualAscent}.
 */
package dev.mopo.core.dual;
