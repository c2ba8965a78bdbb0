package dev.mopo.djl.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import dev.mopo.core.Scalars;
import dev.mopo.core.io.Folders;
import dev.mopo.core.batch.NonFiniteLogProbException;
import dev.mopo.core.dual.DualUpdate;
import dev.mopo.core.dual.MultiplierStep;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.data.DataCursor;
import dev.mopo.djl.train.data.TrainingData;
import dev.mopo.djl.train.data.Split;
import dev.mopo.djl.train.optim.LearningRateSchedule;
import dev.mopo.djl.train.optim.LossScaler;
import dev.mopo.djl.train.optim.ParameterUpdate;
import dev.mopo.djl.train.step.LossSetup;
import dev.mopo.djl.train.step.PreferenceStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The preference-optimisation loop (TRL's trainer, for several objectives), in the manner of
 * DJL's {@code EasyTrain}: each optimiser step runs {@code gradient_accumulation} micro-batches
 * forward and backward ({@link PreferenceStep}), then one {@link ParameterUpdate} (clipping,
 * AdamW, fp16 loss scaling) and, for MOPO, the {@link MultiplierStep} on the multipliers. It decides
 * when to evaluate ({@link Evaluation}) and when to save, skips steps whose loss or gradients are
 * not finite (too many abort), and records every step in {@code metrics.jsonl}. Open one with
 * {@link TrainingSession}.
 */
public final class Trainer implements AutoCloseable {

    private final TrainConfig config;
    private final CausalLm policy;
    private final TrainingData data;
    private final DataCursor cursor;
    private final PreferenceStep preferenceStep;
    private final TrainingSession.References references;
    private final MultiplierStep dual;
    private final ParameterUpdate update;
    private final LearningRateSchedule schedule;
    private final Evaluation evaluation;
    private final Checkpoints checkpoints;
    private final MetricsLog metrics;
    private final TrainingListener listener;
    private final long totalSteps;
    private volatile boolean stopRequested;

    private long step;
    private int skippedSteps;
    /** The checkpoint the run resumed from, or null for a new run. */
    private Path resumedFrom;
    /** The policy saved at the last move of the reference (spec §10), the reference at the next; null before. */
    private Path snapshot;
    /** Whether the last win-rate estimate was reliable: a collapse is reported once, not every step. */
    private boolean estimateReliable = true;

    Trainer(TrainConfig config, CausalLm policy, TrainingData data, LossSetup loss,
            TrainingSession.References references, ParameterUpdate update, MetricsLog metrics,
            TrainingListener listener) {
        this.config = config;
        this.policy = policy;
        this.data = data;
        this.cursor = new DataCursor(data);
        this.preferenceStep = preferenceStep(config, policy, data, loss, Split.TRAIN);
        this.references = references;
        this.dual = loss.dual();
        this.update = update;
        this.evaluation = new Evaluation(data, preferenceStep(config, policy, data, loss, Split.EVAL), references.eval(),
                update.manager());
        this.checkpoints = new Checkpoints(config.runtime().output());
        this.metrics = metrics;
        this.listener = listener;
        int maxSteps = config.optimizer().maxSteps();
        this.totalSteps = maxSteps > 0 ? maxSteps : (long) config.optimizer().epochs()
                * Math.max(1, cursor.batchesPerEpoch() / config.optimizer().gradientAccumulation());
        this.schedule = new LearningRateSchedule(config.optimizer(), totalSteps);
    }

    private static PreferenceStep preferenceStep(TrainConfig config, CausalLm policy, TrainingData data,
            LossSetup loss, Split side) {
        return new PreferenceStep(policy, loss.loss(), data.outcomeColumns(), loss.kind().needsRewards(),
                config.loss().preferenceValues(), data.pooledPreferences(side).orElse(null));
    }

    /**
     * Continues from the checkpoint in {@code folder}, whose state and moments are given (the policy
     * weights, and any masters, were loaded from it already).
     */
    void restore(Path folder, TrainerState state, NDList optimizerState) throws IOException {
        resumedFrom = folder;
        step = state.step();
        if (state.reference() != null) {
            references.train().moveTo(Path.of(state.reference()));
        }
        snapshot = state.snapshot() == null ? null : Path.of(state.snapshot());
        cursor.seek(state.epoch(), state.nextBatch());
        skippedSteps = state.skippedSteps();
        if (dual != null && state.dual() != null) {
            dual.restore(state.dual());
        }
        long optimizerSteps = step - skippedSteps;
        LossScaler scaler = update.scaler();
        if (scaler != null) {
            scaler.restore(state.lossScaler());
            optimizerSteps -= scaler.overflows();
        }
        update.restore(optimizerState, optimizerSteps);
    }

    /** Asks the loop to save a checkpoint and return after the current step (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    /** The optimiser steps the run takes in all. */
    public long totalSteps() {
        return totalSteps;
    }

    /**
     * Trains to the end (or until {@link #requestStop()}); returns the last checkpoint's folder — the
     * one resumed from when the run had already finished.
     */
    public Path fit() throws IOException {
        if (step >= totalSteps) {
            listener.onWarning("the run already finished: step " + step + " of " + totalSteps + " is in " + resumedFrom);
            return resumedFrom;
        }
        listener.onStart(step, totalSteps);
        Path last = null;
        while (step < totalSteps && !stopRequested) {
            StepRecord record = trainStep();
            metrics.append(record);
            listener.onStep(record);
            boolean end = step >= totalSteps;
            if (isDue(config.runtime().evalInterval()) || end) {
                evaluate();
            }
            if (isDue(config.runtime().saveInterval()) || end || stopRequested) {
                last = save();
            }
        }
        if (stopRequested) {
            listener.onWarning("stopped at step " + step + " of " + totalSteps + "; continue with --resume");
        }
        return last;
    }

    private boolean isDue(int interval) {
        return interval > 0 && step % interval == 0;
    }

    private StepRecord trainStep() throws IOException {
        long started = System.nanoTime();
        step++;
        int micros = config.optimizer().gradientAccumulation();
        StepTotals totals = new StepTotals();
        boolean lossFinite = true;
        for (int micro = 0; micro < micros && lossFinite; micro++) {
            lossFinite = microStep(totals);
        }
        double progress = cursor.progress();
        double rate = schedule.at(step);
        LossScaler scaler = update.scaler();
        double lossScale = scaler == null ? Double.NaN : scaler.scale();
        double gradNorm = Double.NaN;
        if (lossFinite) {
            gradNorm = update.step(rate);
        } else {
            update.clearGradients();
        }
        boolean finite = lossFinite && Double.isFinite(gradNorm);
        boolean overflow = scaler != null && lossFinite && !finite;
        if (scaler != null && lossFinite) {
            scaler.update(overflow);
        }
        DualRecord dualRecord = null;
        if (!finite && !overflow) {
            skip();
        } else if (finite && dual != null && dual.isDue(step)) {
            DualUpdate dualUpdate = dual.update(step);
            dualRecord = dualRecord(dualUpdate);
            if (dualUpdate.referenceMoves()) {
                moveReference();
            }
        }
        if (dualRecord == null && dual != null) {
            dualRecord = currentMultipliers();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double loss = finite || overflow ? totals.loss / micros : Double.NaN;
        Map<String, Double> lossMetrics = finite ? totals.metrics.means() : Map.of();
        return new StepRecord(step, progress, rate, lossScale, loss, lossMetrics, finite ? gradNorm : Double.NaN,
                dualRecord, !finite, overflow, skippedSteps, seconds, totals.tokens / seconds);
    }

    private void skip() {
        skippedSteps++;
        int allowed = config.runtime().maxSkippedSteps();
        listener.onWarning("step " + step + ": non-finite loss or gradients, step skipped (" + skippedSteps
                + " so far, at most " + allowed + ")");
        if (skippedSteps > allowed) {
            throw new TrainingDivergedException("training diverged: " + skippedSteps
                    + " steps had non-finite losses or gradients (max_skipped_steps = " + allowed
                    + "); lower learning_rate or tau, or check the data");
        }
    }

    /** What a step's micro-batches add up: loss, metrics and tokens. */
    private static final class StepTotals {
        double loss;
        double tokens;
        final MetricMeans metrics = new MetricMeans();
    }

    /**
     * Forward and backward on the next micro-batch, its gradient scaled by the accumulation count
     * (and the loss scale), its figures added to {@code totals} and its evidence to the multiplier step;
     * false (nothing added but its tokens) when its loss is not finite.
     */
    private boolean microStep(StepTotals totals) {
        try (NDScope scope = new NDScope(); NDManager batchManager = update.manager().newSubManager()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                PreferenceStep.Forward forward = preferenceStep.forward(cursor.next(), references.train(),
                        batchManager, true);
                totals.tokens += forward.tokens();
                double value = forward.lossValue();
                if (!Double.isFinite(value)) {
                    return false;
                }
                collector.backward(scaledForBackward(forward.output().loss(), config.optimizer().gradientAccumulation(),
                        update.scaler() == null ? null : update.lossScale()));
                totals.loss += value;
                totals.metrics.add(forward.output().metricValues(), 1);
                if (dual != null) {
                    dual.observe(forward.batch());
                }
                return true;
            } catch (NonFiniteLogProbException e) {
                return false;
            }
        }
    }

    /**
     * What backward starts from: the micro-batch's loss over the accumulation count, times the fp16
     * loss scale ({@code lossScale} null in fp32).
     */
    static NDArray scaledForBackward(NDArray loss, int micros, Double lossScale) {
        NDArray scaled = Scalars.div(loss, micros);
        return lossScale == null ? scaled : Scalars.mul(scaled, lossScale);
    }

    /**
     * Spec §10's lagged reference, every {@code t0} steps: the reference becomes the policy of the
     * previous move (the starting checkpoint at the first), and the current policy is saved for the
     * next. Snapshots live in the output folder, so a resumed run finds them.
     */
    private void moveReference() throws IOException {
        Path previous = snapshot;
        references.train().moveTo(previous == null ? config.model().model() : previous);
        Path snapshots = config.runtime().output().resolve("reference-snapshots");
        snapshot = snapshots.resolve(String.format(Locale.ROOT, "step-%06d", step));
        Path temporary = snapshots.resolve("." + snapshot.getFileName() + ".tmp");
        Folders.deleteRecursively(temporary);
        policy.save(temporary, SafetensorsDtype.F32, update.weights(policy));
        Folders.deleteRecursively(snapshot);
        Files.move(temporary, snapshot, StandardCopyOption.ATOMIC_MOVE);
        try (var old = Files.list(snapshots)) {
            for (Path folder : old.toList()) {
                if (!folder.equals(snapshot) && !folder.equals(references.train().folder())) {
                    Folders.deleteRecursively(folder);
                }
            }
        }
        listener.onWarning("step " + step + ": the reference moved to " + references.train().folder()
                + " and thresholds ratcheted (ratchet_period)");
    }

    /** The multipliers in force, for a step without a multiplier update. */
    private DualRecord currentMultipliers() {
        double[] lambda = dual.lambda();
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int k = 0; k < lambda.length; k++) {
            metrics.put("lambda/" + data.objectives().name(k + 1), lambda[k]);
        }
        return new DualRecord(metrics, estimateReliable);
    }

    private DualRecord dualRecord(DualUpdate update) {
        if (!update.reliable() && estimateReliable) {
            listener.onWarning("step " + step + ": the multiplier step's evidence collapsed to an effective sample"
                    + String.format(Locale.ROOT, " size of %.1f of %.0f", update.metrics().getOrDefault("ess", Double.NaN),
                            update.metrics().getOrDefault("samples", Double.NaN))
                    + " responses; the multipliers move on unreliable evidence until it recovers (estimate_reliable in"
                    + " metrics.jsonl; a larger batch, gradient accumulation or dual_window helps)");
        }
        estimateReliable = update.reliable();
        return new DualRecord(update.metrics(), update.reliable());
    }

    /** Evaluates on the held-out pairs (when there are any) and records it. */
    private void evaluate() throws IOException {
        if (evaluation.isEmpty()) {
            return;
        }
        EvalRecord record = evaluation.run(step);
        metrics.append(record);
        listener.onEvaluation(record);
    }

    private Path save() throws IOException {
        LossScaler scaler = update.scaler();
        Path reference = references.train().folder();
        TrainerState state = new TrainerState(step, cursor.epoch(), cursor.nextBatch(),
                dual == null ? null : dual.state(), skippedSteps, scaler == null ? null : scaler.state(),
                reference == null ? null : reference.toString(), snapshot == null ? null : snapshot.toString());
        Path folder = checkpoints.save(step, policy, update.weights(policy), state, update.optimizerState());
        checkpoints.prune(config.runtime().saveTotalLimit());
        listener.onCheckpoint(folder);
        return folder;
    }

    /** Frees the models and the corpus, and closes the metrics file. */
    @Override
    public void close() throws IOException {
        metrics.close();
        cursor.close();
        data.close();
        policy.close();
        references.close();
    }
}
