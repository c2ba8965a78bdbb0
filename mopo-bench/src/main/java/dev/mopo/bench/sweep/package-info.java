/**
 * Sweeps: training runs that differ from one base configuration in the loss, its points
 * (thresholds, weights, multipliers) and the seed, in stable folders, then one evaluation of them
 * all against the base model and the front report. Work is split into idempotent tasks
 * ({@link dev.mopo.bench.sweep.SweepTask}) that an executor runs: here
 * ({@link dev.mopo.bench.sweep.LocalExecutor}) or as SLURM job arrays ({@link dev.mopo.bench.sweep.SlurmExecutor});
 * {@link dev.mopo.bench.sweep.SweepStatus} says where each task stands.
 */
package dev.mopo.bench.sweep;
