package dev.mopo.bench.synthetic;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.dual.DualUpdate;
import dev.mopo.core.dual.MultiplierStep;
import dev.mopo.core.tabular.TabularProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * Trains tabular softmax policies {@code π_θ = softmax(θ)}, one {@code θ ∈ R^N} per run, with DJL
 * autograd and Adam on minibatches of the sampled pairs. All run groups see the same minibatch
 * at every step, so methods differ only in their losses and multiplier steps. {@code θ} starts at
 * {@code log π_ref}. Every run's {@link MultiplierStep} observes each minibatch and updates after
 * the optimiser step when due, as the trainer drives it; when an update says the reference moves,
 * the run's lagged reference moves.
 */
final class SweepTrainer implements AutoCloseable {

    private final TabularProblem problem;
    private final PairSample data;
    private final float[][] outcomeRows;
    private final float[][] marginRows;
    private final float[][] pooledValues;
    private final float[][] exactValues;
    private final SyntheticConfig config;
    private final NDManager manager;
    private final NDArray logReference;
    private final NDArray responseWinRates;

    /**
     * A trainer for {@code problem} on {@code data}; {@code rewardMargins[i][k]} are the point-wise
     * reward margins of pair i (for MODPO).
     */
    SweepTrainer(TabularProblem problem, PairSample data, double[][] rewardMargins, SyntheticConfig config) {
        this.problem = problem;
        this.data = data;
        this.outcomeRows = toFloats(data.outcomes());
        this.marginRows = toFloats(rewardMargins);
        this.pooledValues = toFloats(data.pooledValues(problem.responses()));
        this.config = config;
        this.manager = NDManager.newBaseManager();
        double[] reference = problem.reference();
        float[] logs = new float[reference.length];
        for (int y = 0; y < logs.length; y++) {
            logs[y] = (float) Math.log(reference[y]);
        }
        this.logReference = manager.create(logs);
        float[][] rates = new float[problem.responses()][problem.objectives()];
        for (int k = 0; k < problem.objectives(); k++) {
            double[] r = problem.responseWinRates(k);
            for (int y = 0; y < r.length; y++) {
                rates[y][k] = (float) r[y];
            }
        }
        this.responseWinRates = manager.create(rates);
        this.exactValues = rates;
    }

    /** Parameters {@code θ} of {@code runs} policies, each starting at {@code log π_ref}, shape {@code [R, N]}. */
    NDArray initialPolicies(int runs) {
        NDArray theta = logReference.expandDims(0).repeat(0, runs).duplicate();
        theta.setRequiresGradient(true);
        return theta;
    }

    /**
     * Trains every group for the configured number of steps and returns each group's final
     * policies, {@code [R][N]} per group. {@code onStep} hears each finished step.
     */
    List<double[][]> train(List<RunGroup> groups, LongConsumer onStep) {
        int n = problem.responses();
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(CosineTracker.builder()
                        .setBaseValue((float) config.learningRate())
                        .optFinalValue(0f)
                        .setMaxUpdates(config.steps())
                        .build())
                .build();
        Random random = new Random(config.seed() ^ 0x5eed);
        for (long step = 1; step <= config.steps(); step++) {
            // Results of operations on θ attach to θ's manager; the scope frees them every step.
            try (NDScope scope = new NDScope(); NDManager batchManager = manager.newSubManager()) {
                Minibatch batch = minibatch(batchManager, random, n);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDList losses = new NDList();
                    for (RunGroup group : groups) {
                        PreferenceBatch preferences = batch.forGroup(group);
                        losses.add(group.loss().compute(preferences).loss());
                        for (MultiplierStep dual : group.duals()) {
                            dual.observe(preferences);
                        }
                    }
                    // NDArrays.add refuses fewer than two arrays (a single group: MOPO alone, one estimator)
                    collector.backward(losses.size() == 1 ? losses.head()
                            : NDArrays.add(losses.toArray(new NDArray[0])));
                }
            }
            // Outside the scope: Adam creates its moment arrays on first use, and they must live on.
            for (RunGroup group : groups) {
                try (NDArray gradient = group.theta().getGradient()) {
                    adam.update(group.method(), group.theta(), gradient);
                }
            }
            for (RunGroup group : groups) {
                updateDuals(group, step);
            }
            onStep.accept(step);
        }
        List<double[][]> policies = new ArrayList<>();
        for (RunGroup group : groups) {
            policies.add(toRows(group.theta().softmax(1), n));
        }
        return policies;
    }

    /** The exact win rates {@code P_k(π_θ)} of every run, shape {@code [R, K]}: the oracle. */
    NDArray exactWinRates(NDArray theta) {
        return theta.softmax(1).matMul(responseWinRates);
    }

    /** Runs every due update of {@code group}'s runs and moves the references they ask to move. */
    private static void updateDuals(RunGroup group, long step) {
        for (int r = 0; r < group.duals().size(); r++) {
            MultiplierStep dual = group.duals().get(r);
            if (dual.isDue(step)) {
                DualUpdate update = dual.update(step);
                group.recordUpdate(r, update);
                if (update.referenceMoves() && group.reference() != null) {
                    group.reference().move(r, group.theta());
                }
            }
        }
    }

    private Minibatch minibatch(NDManager scope, Random random, int n) {
        int size = config.batchSize();
        long[] a = new long[size];
        long[] b = new long[size];
        float[][] outcomes = new float[size][];
        float[][] margins = new float[size][];
        float[][][] pooled = new float[2][size][];
        float[][][] exact = new float[2][size][];
        for (int i = 0; i < size; i++) {
            int pair = random.nextInt(data.size());
            a[i] = data.a()[pair];
            b[i] = data.b()[pair];
            outcomes[i] = outcomeRows[pair];
            margins[i] = marginRows[pair];
            pooled[0][i] = pooledValues[data.a()[pair]];
            pooled[1][i] = pooledValues[data.b()[pair]];
            exact[0][i] = exactValues[data.a()[pair]];
            exact[1][i] = exactValues[data.b()[pair]];
        }
        NDArray selectA = scope.create(a).oneHot(n, DataType.FLOAT32).transpose();
        NDArray selectB = scope.create(b).oneHot(n, DataType.FLOAT32).transpose();
        return new Minibatch(selectA, selectB, logReference.matMul(selectA), logReference.matMul(selectB),
                scope.create(outcomes), scope.create(margins), a, b, pooled, exact, scope);
    }

    /**
     * One minibatch: one-hot selectors {@code [N, B]} of both responses, the reference's (and the
     * data's) log-probs, the labels, the response ids and both kinds of given values.
     */
    private record Minibatch(NDArray selectA, NDArray selectB, NDArray referenceA, NDArray referenceB,
            NDArray outcomes, NDArray rewardMargins, long[] a, long[] b, float[][][] pooled, float[][][] exact,
            NDManager scope) {

        /** The batch {@code group} trains on, with what its method reads. */
        PreferenceBatch forGroup(RunGroup group) {
            NDArray logPolicy = group.theta().logSoftmax(1);
            PreferenceBatch.Builder builder = PreferenceBatch.builder()
                    .policy(logPolicy.matMul(selectA), logPolicy.matMul(selectB))
                    .outcomes(outcomes)
                    .rewardMargins(rewardMargins);
            if (group.reference() == null) {
                builder.reference(referenceA, referenceB);
            } else {
                NDArray logReference = group.reference().logProbs();
                builder.reference(logReference.matMul(selectA), logReference.matMul(selectB))
                        .behaviour(referenceA, referenceB);
            }
            if (group.prompts()) {
                builder.prompts(new long[a.length]);
            }
            switch (group.values()) {
                case RESPONSE_IDS:
                    builder.responses(a, b);
                    break;
                case POOLED:
                    builder.preferenceValues(scope.create(pooled[0]), scope.create(pooled[1]));
                    break;
                case EXACT:
                    builder.preferenceValues(scope.create(exact[0]), scope.create(exact[1]));
                    break;
                default:
                    break;
            }
            return builder.build();
        }
    }

    private static float[][] toFloats(double[][] rows) {
        float[][] floats = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            floats[r] = new float[rows[r].length];
            for (int c = 0; c < rows[r].length; c++) {
                floats[r][c] = (float) rows[r][c];
            }
        }
        return floats;
    }

    private static double[][] toRows(NDArray matrix, int columns) {
        float[] flat = matrix.toFloatArray();
        double[][] rows = new double[flat.length / columns][columns];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns; c++) {
                rows[r][c] = flat[r * columns + c];
            }
        }
        return rows;
    }

    @Override
    public void close() {
        manager.close();
    }
}
