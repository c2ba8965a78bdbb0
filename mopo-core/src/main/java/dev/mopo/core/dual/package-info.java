/**
 * The multiplier side of MOPO, behind one contract, {@link dev.mopo.core.dual.MultiplierStep}:
 * {@link dev.mopo.core.dual.DataDual} (spec §10: the constraint values of the target policy from
 * the data alone, moved by Eq. 9's Lagrangian step or MOPO-LB's log barrier, with the robust bound
 * of Eq. 8 and the threshold ratchet) and {@link dev.mopo.core.dual.EstimatorAscent} (spec §5: the
 * projected ascent {@link dev.mopo.core.dual.DualAscent} on the policy's win rates estimated by
 * {@link dev.mopo.core.dual.SnisEstimator}, {@link dev.mopo.core.dual.PairwiseEstimator} or
 * {@link dev.mopo.core.dual.OracleEstimator}).
 */
package dev.mopo.core.dual;
