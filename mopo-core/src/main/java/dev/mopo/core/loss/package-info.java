/**
 * Losses on preference batches: the published MOPO policy step
 * {@link dev.mopo.core.loss.BehaviourCloningLoss} (spec §10, Eq. 7), the regression
 * {@link dev.mopo.core.loss.MopoLoss} (§4; MOPO-fixed with fixed multipliers), and the baselines
 * {@link dev.mopo.core.loss.DpoLoss} (DPO, cDPO), {@link dev.mopo.core.loss.IpoLoss},
 * {@link dev.mopo.core.loss.ScalarisedLoss} (DPO-LS, IPO-LS) and
 * {@link dev.mopo.core.loss.ModpoLoss}. Implement {@link dev.mopo.core.loss.PreferenceLoss} to add
 * your own.
 */
package dev.mopo.core.loss;
