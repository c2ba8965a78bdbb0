/**
 * Ground truth for finite response sets (spec §7): {@link dev.mopo.core.tabular.TabularProblem}
 * and the exact constrained optimum {@link dev.mopo.core.tabular.ExactSolver}.
 */
package dev.mopo.core.tabular;
