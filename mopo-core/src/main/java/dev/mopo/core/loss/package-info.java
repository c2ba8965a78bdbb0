/**
 * Losses on preference batches: {@link dev.mopo.core.loss.MopoLoss} (MOPO and MOPO-fixed) and
 * the baselines {@link dev.mopo.core.loss.DpoLoss} (DPO, cDPO), {@link dev.mopo.core.loss.IpoLoss},
 * {@link dev.mopo.core.loss.ScalarisedLoss} (DPO-LS, IPO-LS) and
 * {@link dev.mopo.core.loss.ModpoLoss}. Implement {@link dev.mopo.core.loss.PreferenceLoss} to add
 * your own.
 */
package dev.mopo.core.loss;
