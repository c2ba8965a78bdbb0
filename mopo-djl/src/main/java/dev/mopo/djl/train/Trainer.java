package dev.mopo.djl.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.NonFiniteLogProbException;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.dual.DualAscent;
import dev.mopo.core.dual.DualUpdate;
import dev.mopo.core.dual.PairwiseEstimator;
import dev.mopo.core.dual.SnisEstimator;
import dev.mopo.core.dual.WinRateEstimate;
import dev.mopo.core.dual.WinRateEstimator;
import dev.mopo.core.loss.LossOutput;
import dev.mopo.core.loss.PreferenceLoss;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.datasets.batch.TokenizedPair;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.SequenceLogProbs;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The preference-optimisation loop (TRL's trainer, for several objectives): micro-batches of
 * pairs through the policy, the loss against cached reference log-probs, gradient accumulation,
 * clipping, AdamW on a warm-up + decay schedule, and — for MOPO — the dual step on the Lagrange
 * multipliers from win-rate estimates of the same batches.
 *
 * <p>Every optimiser step appends a record to {@code metrics.jsonl}; held-out evaluation runs at
 * intervals; a non-finite loss or gradient skips the step (counted; too many abort); checkpoints
 * hold the policy (safetensors transformers loads) and everything a resume needs. Build one with
 * {@link TrainingSession}.
 *
 * <p>In fp16 ({@code precision: fp16}) the policy computes in fp16 while the optimiser updates
 * fp32 {@link MasterWeights}; the loss is scaled before backward by a {@link LossScaler}, and a
 * step whose scaled gradients overflow is skipped without counting as non-finite.
 */
public final class Trainer implements AutoCloseable {

    private final TrainConfig config;
    private final CausalLm policy;
    private final CausalLm liveReference;
    private final TrainingData data;
    private final BatchConfig batching;
    private final ReferenceLogProbs trainReference;
    private final ReferenceLogProbs evalReference;
    private final LossChoice choice;
    private final DualAscent dual;
    private final PreferenceLoss loss;
    private final WinRateEstimator estimator;
    private final Map<String, NDArray> parameters;
    /** The manager of the policy's weights, under which each batch's arrays are made. */
    private final NDManager modelManager;
    private final MasterWeights masters;
    private final LossScaler scaler;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final Checkpoints checkpoints;
    private final MetricsLog metrics;
    private final TrainingListener listener;
    private final long totalSteps;
    private final int batchesPerEpoch;
    private volatile boolean stopRequested;

    private long step;
    private int epoch;
    private int nextBatch;
    private int skippedSteps;
    /** Whether the last win-rate estimate was reliable: a collapse is reported once, not every step. */
    private boolean estimateReliable = true;
    /** The shuffled training order of epoch {@link #orderEpoch}, built once per epoch. */
    private List<Integer> order;
    private int orderEpoch = -1;

    /**
     * A trainer of {@code policy} with the loss of {@code lossSetup}; {@code masters} and
     * {@code scaler} for fp16 training, else both null.
     */
    Trainer(TrainConfig config, LossChoice.Setup lossSetup, CausalLm policy, MasterWeights masters, LossScaler scaler, CausalLm liveReference,
            TrainingData data, BatchConfig batching, ReferenceLogProbs trainReference, ReferenceLogProbs evalReference,
            Checkpoints checkpoints, MetricsLog metrics, TrainingListener listener) {
        this.config = config;
        this.policy = policy;
        this.masters = masters;
        this.scaler = scaler;
        this.liveReference = liveReference;
        this.data = data;
        this.batching = batching;
        this.trainReference = trainReference;
        this.evalReference = evalReference;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.listener = listener;
        this.choice = lossSetup.choice();
        this.dual = lossSetup.dual();
        this.loss = lossSetup.loss();
        this.estimator = "pairwise".equals(config.dualEstimator) ? new PairwiseEstimator() : new SnisEstimator();
        this.parameters = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : policy.block().getParameters()) {
            NDArray array = entry.getValue().getArray();
            array.setRequiresGradient(true);
            parameters.put(entry.getValue().getName(), array);
        }
        this.modelManager = parameters.values().iterator().next().getManager();
        this.optimizer = new AdamW(config.weightDecay);
        this.batchesPerEpoch = (data.train().size() + config.batchSize - 1) / config.batchSize;
        this.totalSteps = config.maxSteps > 0 ? config.maxSteps
                : (long) config.epochs * Math.max(1, batchesPerEpoch / config.gradientAccumulation);
        this.schedule = new LearningRateSchedule(config.learningRate, config.warmupSteps, (int) totalSteps,
                LearningRateSchedule.Decay.valueOf(config.lrSchedule.toUpperCase(java.util.Locale.ROOT)), 0);
    }

    /** Continues from a checkpoint's state (the policy weights, and any masters, were loaded from it already). */
    void restore(TrainerState state, NDList optimizerState) {
        step = state.step();
        epoch = state.epoch();
        nextBatch = state.nextBatch();
        skippedSteps = state.skippedSteps();
        if (dual != null && state.dual() != null) {
            dual.restore(state.dual());
        }
        long optimizerSteps = step - skippedSteps;
        if (scaler != null) {
            scaler.restore(state.lossScaler());
            optimizerSteps -= scaler.overflows();
        }
        optimizer.restore(optimizerState, optimizerSteps, modelManager);
    }

    /** Asks the loop to save a checkpoint and return after the current step (Ctrl-C). */
    public void requestStop() {
        stopRequested = true;
    }

    /** The optimiser steps the run takes in all. */
    public long totalSteps() {
        return totalSteps;
    }

    /** Trains to the end (or until {@link #requestStop()}); returns the last checkpoint's folder. */
    public Path fit() throws IOException {
        listener.onStart(step, totalSteps);
        Path last = null;
        while (step < totalSteps && !stopRequested) {
            long started = System.nanoTime();
            Map<String, Object> record = trainStep();
            double seconds = (System.nanoTime() - started) / 1e9;
            record.put("seconds", seconds);
            record.put("tokens_per_second", ((Number) record.remove("tokens")).doubleValue() / seconds);
            metrics.append(record);
            listener.onStep(step, record);
            boolean end = step >= totalSteps;
            if ((config.evalInterval > 0 && step % config.evalInterval == 0) || end) {
                evaluate();
            }
            if ((config.saveInterval > 0 && step % config.saveInterval == 0) || end || stopRequested) {
                last = save();
            }
        }
        if (stopRequested) {
            listener.onWarning("stopped at step " + step + " of " + totalSteps + "; continue with --resume");
        }
        return last;
    }

    private Map<String, Object> trainStep() {
        step++;
        StepSums sums = new StepSums();
        boolean lossFinite = true;
        for (int micro = 0; micro < config.gradientAccumulation && lossFinite; micro++) {
            lossFinite = microStep(sums);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put("epoch", epoch + (double) nextBatch / batchesPerEpoch);
        double rate = schedule.at(step);
        record.put("learning_rate", rate);
        record.put("tokens", sums.tokens);
        double gradNorm = lossFinite ? optimiserStep(rate) : Double.NaN;
        boolean finite = lossFinite && Double.isFinite(gradNorm);
        boolean overflow = scaler != null && lossFinite && !finite;
        Gradients.clear(parameters);
        if (scaler != null) {
            record.put("loss_scale", scaler.scale());
            if (lossFinite) {
                scaler.update(overflow);
            }
        }
        if (overflow) {
            record.put("skipped", true);
            record.put("overflow", true);
            record.put("loss", sums.loss / config.gradientAccumulation);
        } else if (!finite) {
            skippedSteps++;
            record.put("skipped", true);
            listener.onWarning("step " + step + ": non-finite loss or gradients, step skipped (" + skippedSteps
                    + " so far, at most " + config.maxSkippedSteps + ")");
            if (skippedSteps > config.maxSkippedSteps) {
                throw new TrainingDivergedException("training diverged: " + skippedSteps
                        + " steps had non-finite losses or gradients (max_skipped_steps = " + config.maxSkippedSteps
                        + "); lower learning_rate or tau, or check the data");
            }
        } else {
            int micros = config.gradientAccumulation;
            record.put("loss", sums.loss / micros);
            sums.metrics.forEach((name, v) -> record.put(name, v / micros));
            record.put("grad_norm", gradNorm);
            if (dual != null && dual.isDue(step)) {
                recordDual(record, dual.update(step, mean(sums.winRates), sum(sums.ess), sums.samples));
            }
        }
        record.put("skipped_steps", skippedSteps);
        return record;
    }

    /** What a step's micro-batches add up: loss, metrics, tokens and the win-rate estimates. */
    private static final class StepSums {
        double loss;
        double tokens;
        final Map<String, Double> metrics = new LinkedHashMap<>();
        final List<double[]> winRates = new ArrayList<>();
        final List<Double> ess = new ArrayList<>();
        int samples;
    }

    /**
     * Forward and backward on the next micro-batch, its gradient scaled by the accumulation count,
     * its figures added to {@code sums}; false (and nothing added) when its loss is not finite.
     */
    private boolean microStep(StepSums sums) {
        int[] indices = nextIndices();
        List<TokenizedPair> pairs = new ArrayList<>();
        for (int index : indices) {
            pairs.add(data.train().get(index));
        }
        TokenBatch tokenBatch = TokenBatch.of(pairs, batching);
        try (NDScope scope = new NDScope(); NDManager batchManager = modelManager.newSubManager()) {
            scope.suppressNotUsedWarning();
            BatchTensors tensors = BatchTensors.of(tokenBatch, data.outcomeColumns(), choice.needsRewards(), batchManager);
            sums.tokens += tensors.attentionMask().sum().toType(DataType.FLOAT64, false).getDouble();
            NDArray[] reference = referenceLogProbs(tensors, indices, trainReference, batchManager);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                SequenceLogProbs scored = LogProbs.score(policy.block(), policy.parameterStore(),
                        tensors.ids(), tensors.attentionMask(), tensors.responseMask(), true);
                PreferenceBatch batch = preferenceBatch(scored, reference, tensors);
                LossOutput output = loss.compute(batch);
                double value = output.loss().toType(DataType.FLOAT64, false).getDouble();
                if (!Double.isFinite(value)) {
                    return false;
                }
                NDArray scaled = output.loss().div(config.gradientAccumulation);
                collector.backward(scaler == null ? scaled : scaled.mul(scaler.scale()));
                sums.loss += value;
                output.metricValues().forEach((name, v) -> sums.metrics.merge(name, v, Double::sum));
                if (dual != null) {
                    WinRateEstimate estimate = estimator.estimate(batch);
                    sums.winRates.add(estimate.winRatesPerRun()[0]);
                    sums.ess.add(estimate.effectiveSampleSizePerRun()[0]);
                    sums.samples += estimate.samples();
                }
                return true;
            } catch (NonFiniteLogProbException e) {
                return false;
            }
        }
    }

    /**
     * Unscales (in fp16), clips, steps AdamW and returns the gradient norm before clipping; NaN when
     * a gradient is not finite. In fp16 AdamW updates the fp32 masters, then the parameters follow.
     */
    private double optimiserStep(double learningRate) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> gradients = Gradients.of(parameters);
            if (scaler != null) {
                Gradients.scale(gradients, 1 / scaler.scale());
            }
            double norm = Gradients.norm(gradients);
            if (!Double.isFinite(norm)) {
                return Double.NaN;
            }
            if (config.maxGradNorm > 0 && norm > config.maxGradNorm) {
                Gradients.scale(gradients, config.maxGradNorm / (norm + 1e-6));
            }
            if (masters == null) {
                optimizer.step(parameters, gradients, learningRate);
            } else {
                optimizer.step(masters.arrays(), gradients, learningRate);
                masters.writeBack();
            }
            return norm;
        }
    }

    private void recordDual(Map<String, Object> record, DualUpdate update) {
        ObjectiveSet objectives = data.objectives();
        for (int k = 0; k < update.lambda().length; k++) {
            record.put("lambda/" + objectives.name(k + 1), update.lambda()[k]);
        }
        for (int k = 0; k < objectives.size(); k++) {
            record.put("win_rate/" + objectives.name(k), update.winRates()[k]);
        }
        record.put("ess", update.effectiveSampleSize());
        record.put("ess_fraction", update.effectiveSampleSize() / update.samples());
        record.put("estimate_reliable", update.reliable());
        if (!update.reliable() && estimateReliable) {
            listener.onWarning("step " + step + ": the win-rate estimate's effective sample size collapsed ("
                    + String.format("%.1f of %d", update.effectiveSampleSize(), update.samples())
                    + "); the multipliers move on an unreliable estimate until it recovers"
                    + " (estimate_reliable in metrics.jsonl; a larger batch or gradient accumulation helps)");
        }
        estimateReliable = update.reliable();
    }

    /** Loss, accuracies and SNIS win rates over all held-out pairs; appended to metrics.jsonl. */
    Map<String, Object> evaluate() {
        if (data.eval().isEmpty()) {
            return Map.of();
        }
        int n = data.eval().size();
        float[] ratiosA = new float[n];
        float[] ratiosB = new float[n];
        int objectiveCount = data.objectives().size();
        float[][] outcomes = new float[n][];
        double lossSum = 0;
        Map<String, Double> metricSums = new LinkedHashMap<>();
        for (int start = 0; start < n; start += config.batchSize) {
            int end = Math.min(n, start + config.batchSize);
            int[] indices = new int[end - start];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = start + i;
            }
            TokenBatch tokenBatch = TokenBatch.of(data.eval().subList(start, end), batching);
            try (NDScope scope = new NDScope(); NDManager batchManager = modelManager.newSubManager()) {
                scope.suppressNotUsedWarning();
                BatchTensors tensors = BatchTensors.of(tokenBatch, data.outcomeColumns(), choice.needsRewards(), batchManager);
                NDArray[] reference = referenceLogProbs(tensors, indices, evalReference, batchManager);
                SequenceLogProbs scored = LogProbs.score(policy, tensors.ids(), tensors.attentionMask(),
                        tensors.responseMask());
                PreferenceBatch batch = preferenceBatch(scored, reference, tensors);
                LossOutput output = loss.compute(batch);
                double weight = indices.length;
                lossSum += output.loss().toType(DataType.FLOAT64, false).getDouble() * weight;
                output.metricValues().forEach((name, v) -> metricSums.merge(name, v * weight, Double::sum));
                float[] ratioA = batch.logRatioA(LogProbReduction.SUM).toType(DataType.FLOAT32, false).toFloatArray();
                float[] ratioB = batch.logRatioB(LogProbReduction.SUM).toType(DataType.FLOAT32, false).toFloatArray();
                float[] o = tensors.outcomes().toFloatArray();
                for (int i = 0; i < indices.length; i++) {
                    ratiosA[start + i] = ratioA[i];
                    ratiosB[start + i] = ratioB[i];
                    outcomes[start + i] = java.util.Arrays.copyOfRange(o, i * objectiveCount, (i + 1) * objectiveCount);
                }
            }
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("step", step);
        record.put("split", "eval");
        record.put("pairs", n);
        record.put("loss", lossSum / n);
        metricSums.forEach((name, v) -> record.put(name, v / n));
        try (NDManager manager = NDManager.newBaseManager()) {
            PreferenceBatch all = PreferenceBatch.builder()
                    .policy(manager.create(ratiosA), manager.create(ratiosB))
                    .reference(manager.zeros(new ai.djl.ndarray.types.Shape(n)), manager.zeros(new ai.djl.ndarray.types.Shape(n)))
                    .outcomes(manager.create(outcomes))
                    .build();
            WinRateEstimate estimate = new SnisEstimator().estimate(all);
            double[] winRates = estimate.winRatesPerRun()[0];
            for (int k = 0; k < winRates.length; k++) {
                record.put("win_rate/" + data.objectives().name(k), winRates[k]);
            }
            record.put("ess", estimate.effectiveSampleSizePerRun()[0]);
        }
        metrics.append(record);
        listener.onEvaluation(step, record);
        return record;
    }

    private Path save() throws IOException {
        TrainerState state = new TrainerState(step, epoch, nextBatch, dual == null ? null : dual.state(), skippedSteps,
                scaler == null ? null : scaler.state());
        Path folder = checkpoints.save(step, policy, masters == null ? policy.tensors() : masters.tensors(), state,
                optimizer.state());
        listener.onCheckpoint(folder);
        return folder;
    }

    /** The pair indices of the next micro-batch, moving to the next epoch (re-shuffled) when one ends. */
    private int[] nextIndices() {
        if (nextBatch >= batchesPerEpoch) {
            epoch++;
            nextBatch = 0;
        }
        if (orderEpoch != epoch) {
            order = epochOrder(epoch);
            orderEpoch = epoch;
        }
        int start = nextBatch * config.batchSize;
        int end = Math.min(order.size(), start + config.batchSize);
        nextBatch++;
        int[] indices = new int[end - start];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = order.get(start + i);
        }
        return indices;
    }

    /** Epoch {@code e}'s order of the training pairs: a shuffle seeded by the run seed and the epoch. */
    private List<Integer> epochOrder(int e) {
        List<Integer> order = new ArrayList<>(data.train().size());
        for (int i = 0; i < data.train().size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(config.seed * 1_000_003L + e));
        return order;
    }

    /** Reference sums and token counts of responses a and b: from the cache, or the live model. */
    private NDArray[] referenceLogProbs(BatchTensors tensors, int[] indices, ReferenceLogProbs cache,
            NDManager manager) {
        if (liveReference == null) {
            return new NDArray[] {cache.sumA(indices, manager), cache.sumB(indices, manager),
                cache.tokensA(indices, manager), cache.tokensB(indices, manager)};
        }
        SequenceLogProbs scored = LogProbs.score(liveReference, tensors.ids(), tensors.attentionMask(),
                tensors.responseMask());
        int pairs = indices.length;
        NDArray sum = scored.sum().toType(DataType.FLOAT32, false);
        NDArray count = scored.count().toType(DataType.FLOAT32, false);
        return new NDArray[] {sum.get(":" + pairs), sum.get(pairs + ":"), count.get(":" + pairs), count.get(pairs + ":")};
    }

    private static PreferenceBatch preferenceBatch(SequenceLogProbs scored, NDArray[] reference, BatchTensors tensors) {
        int pairs = (int) tensors.outcomes().getShape().get(0);
        NDArray sum = scored.sum().toType(DataType.FLOAT32, false);
        PreferenceBatch.Builder builder = PreferenceBatch.builder()
                .policy(sum.get(":" + pairs), sum.get(pairs + ":"))
                .reference(reference[0], reference[1])
                .tokens(reference[2], reference[3])
                .outcomes(tensors.outcomes());
        if (tensors.rewardMargins() != null) {
            builder.rewardMargins(tensors.rewardMargins());
        }
        return builder.build();
    }

    /** Frees the models and closes the metrics file. */
    @Override
    public void close() throws IOException {
        metrics.close();
        policy.close();
        if (liveReference != null) {
            liveReference.close();
        }
    }

    private static double[] mean(List<double[]> rows) {
        double[] mean = new double[rows.get(0).length];
        for (double[] row : rows) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += row[k] / rows.size();
            }
        }
        return mean;
    }

    private static double sum(List<Double> values) {
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return total;
    }
}
