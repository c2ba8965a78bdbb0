package dev.mopo.djl.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.dual.SnisEstimator;
import dev.mopo.core.dual.WinRateEstimate;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.train.data.Split;
import dev.mopo.djl.train.data.TrainingData;
import dev.mopo.djl.train.reference.ReferenceSource;
import dev.mopo.djl.train.step.PreferenceStep;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Held-out evaluation: the training forward ({@link PreferenceStep}, without gradient) over every
 * held-out pair in file order, the loss and its metrics averaged over pairs, and SNIS win-rate
 * estimates over all held-out pairs at once.
 */
final class Evaluation {

    private final TrainingData data;
    private final PreferenceStep step;
    private final ReferenceSource reference;
    private final NDManager manager;

    Evaluation(TrainingData data, PreferenceStep step, ReferenceSource reference, NDManager manager) {
        this.data = data;
        this.step = step;
        this.reference = reference;
        this.manager = manager;
    }

    /** Whether there is anything to evaluate. */
    boolean isEmpty() {
        return data.survey().evalPairs() == 0;
    }

    /** Evaluates the policy after optimiser step {@code afterStep}. */
    EvalRecord run(long afterStep) throws IOException {
        int n = data.survey().evalPairs();
        ObjectiveSet objectives = data.objectives();
        float[] ratiosA = new float[n];
        float[] ratiosB = new float[n];
        float[][] outcomes = new float[n][];
        double lossSum = 0;
        MetricMeans metrics = new MetricMeans();
        try (BatchStream batches = data.inOrder(Split.EVAL)) {
            while (batches.hasNext()) {
                TokenBatch tokens = batches.next();
                try (NDScope scope = new NDScope(); NDManager batchManager = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    PreferenceStep.Forward forward = step.forward(tokens, reference, batchManager, false);
                    double weight = tokens.size();
                    lossSum += forward.lossValue() * weight;
                    metrics.add(forward.output().metricValues(), weight);
                    PreferenceBatch batch = forward.batch();
                    float[] ratioA = batch.logRatioA(LogProbReduction.SUM).toType(DataType.FLOAT32, false).toFloatArray();
                    float[] ratioB = batch.logRatioB(LogProbReduction.SUM).toType(DataType.FLOAT32, false).toFloatArray();
                    float[] o = batch.outcomes().toFloatArray();
                    int k = objectives.size();
                    for (int i = 0; i < tokens.size(); i++) {
                        int pair = tokens.indices()[i];
                        ratiosA[pair] = ratioA[i];
                        ratiosB[pair] = ratioB[i];
                        outcomes[pair] = Arrays.copyOfRange(o, i * k, (i + 1) * k);
                    }
                }
            }
        }
        try (NDManager estimates = NDManager.newBaseManager()) {
            WinRateEstimate estimate = SnisEstimator.estimate(estimates.create(ratiosA), estimates.create(ratiosB),
                    estimates.create(outcomes).add(1).div(2));
            double[] rates = estimate.winRatesPerRun()[0];
            Map<String, Double> winRates = new LinkedHashMap<>();
            for (int k = 0; k < rates.length; k++) {
                winRates.put(objectives.name(k), rates[k]);
            }
            return new EvalRecord(afterStep, n, lossSum / n, metrics.means(), winRates,
                    estimate.effectiveSampleSizePerRun()[0]);
        }
    }
}
