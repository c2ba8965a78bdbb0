/**
 * Sweeps: training runs that differ from one base configuration in the loss, its points
 * (thresholds, weights, multipliers) and the seed, in stable folders, then one evaluation of them
 * all against the base model and the front report. Work is split into idempotent tasks
 * ({@link dev.mopo.bench.sweep.SweepTask}) that an executor runs ({@link dev.mopo.bench.sweep.LocalExecutor}).
 */
package dev.mopo.bench.sweep;
