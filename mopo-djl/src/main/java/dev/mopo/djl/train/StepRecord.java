package dev.mopo.djl.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimiser step did, as {@code metrics.jsonl} records it (README, "Reading the metrics").
 *
 * @param step the optimiser step, from 1
 * @param epoch epochs completed, fractionally
 * @param learningRate the scheduled learning rate
 * @param lossScale fp16's loss scale during the step, or NaN in fp32
 * @param loss the mean loss over the step's micro-batches; NaN when the step was skipped for a non-finite loss
 * @param lossMetrics the loss's metrics (margin, per-objective accuracy, target), averaged over micro-batches;
 *     empty when skipped
 * @param gradNorm the gradient norm before clipping; NaN when skipped
 * @param dual the multiplier update after this step, or null when none ran
 * @param skipped whether the step was skipped (nothing updated)
 * @param overflow whether it was skipped because fp16's scaled gradients overflowed
 * @param skippedSteps non-finite steps skipped so far in the run
 * @param seconds wall time of the step
 * @param tokensPerSecond real tokens (padding excluded) of the step's micro-batches per second
 */
public record StepRecord(long step, double epoch, double learningRate, double lossScale, double loss,
        Map<String, Double> lossMetrics, double gradNorm, DualRecord dual, boolean skipped, boolean overflow,
        int skippedSteps, double seconds, double tokensPerSecond) {

    /** Copies the metrics. */
    public StepRecord {
        lossMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(lossMetrics));
    }
}
