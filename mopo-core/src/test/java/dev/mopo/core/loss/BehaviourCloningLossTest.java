package dev.mopo.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.mopo.core.Pairs;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.batch.PromptNormalisers;
import dev.mopo.core.objective.ObjectiveSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Eq. 7 with Eq. 3's weights, written out pair by pair in plain Java. */
class BehaviourCloningLossTest {

    private static final double TAU = 0.3;
    private static final ObjectiveSet THREE = ObjectiveSet.of("helpful", "harmless", "honest");
    private static final double[] LAMBDA = {0.7, 2.5};

    private NDManager manager;
    private final Pairs pairs = Pairs.random(12, 3, 8);

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** {@code −mean over pairs [w_a log π(y_a) + w_b log π(y_b)]}, each pair its own prompt. */
    private double expected(double[] lambda, boolean mean) {
        double total = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] o = pairs.outcomes[i];
            double scoreA = (1 + o[0]) / 2 + lambda[0] * (1 + o[1]) / 2 + lambda[1] * (1 + o[2]) / 2;
            double scoreB = (1 - o[0]) / 2 + lambda[0] * (1 - o[1]) / 2 + lambda[1] * (1 - o[2]) / 2;
            double w = sigmoid((scoreA - scoreB) / TAU);
            double logA = mean ? pairs.policyA[i] / pairs.tokensA[i] : pairs.policyA[i];
            double logB = mean ? pairs.policyB[i] / pairs.tokensB[i] : pairs.policyB[i];
            total += w * logA + (1 - w) * logB;
        }
        return -total / pairs.size();
    }

    @Test
    void eachPairClonesItsResponsesWeightedBySigmoidOfTheScoreGap() {
        for (boolean mean : new boolean[] {false, true}) {
            BehaviourCloningLoss loss = new BehaviourCloningLoss(THREE, TAU,
                    mean ? LogProbReduction.MEAN : LogProbReduction.SUM, MultiplierSource.fixed(LAMBDA));
            assertEquals(expected(LAMBDA, mean), loss.compute(pairs.batch(manager)).loss().getDouble(), 1e-10);
        }
    }

    @Test
    void referenceLogProbsDoNotMatterUntilTheReferenceMoves() {
        BehaviourCloningLoss loss = new BehaviourCloningLoss(THREE, TAU, LogProbReduction.SUM,
                MultiplierSource.fixed(LAMBDA));
        PreferenceBatch shifted = PreferenceBatch.builder()
                .policy(manager.create(pairs.policyA), manager.create(pairs.policyB))
                .reference(manager.create(pairs.policyA), manager.create(pairs.referenceA))
                .outcomes(manager.create(pairs.outcomes))
                .build();
        assertEquals(expected(LAMBDA, false), loss.compute(shifted).loss().getDouble(), 1e-10);
    }

    @Test
    void aMovedReferenceWeighsEachResponseByItsImportanceRatio() {
        double[] behaviourA = new double[pairs.size()];
        double[] behaviourB = new double[pairs.size()];
        java.util.Random random = new java.util.Random(2);
        for (int i = 0; i < pairs.size(); i++) {
            behaviourA[i] = pairs.referenceA[i] + random.nextGaussian();
            behaviourB[i] = pairs.referenceB[i] + random.nextGaussian();
        }
        PreferenceBatch batch = PreferenceBatch.builder()
                .policy(manager.create(pairs.policyA), manager.create(pairs.policyB))
                .reference(manager.create(pairs.referenceA), manager.create(pairs.referenceB))
                .behaviour(manager.create(behaviourA), manager.create(behaviourB))
                .outcomes(manager.create(pairs.outcomes))
                .build();
        double total = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] o = pairs.outcomes[i];
            double scoreA = (1 + o[0]) / 2 + LAMBDA[0] * (1 + o[1]) / 2 + LAMBDA[1] * (1 + o[2]) / 2;
            double scoreB = (1 - o[0]) / 2 + LAMBDA[0] * (1 - o[1]) / 2 + LAMBDA[1] * (1 - o[2]) / 2;
            double logRatioA = pairs.referenceA[i] - behaviourA[i];
            double logRatioB = pairs.referenceB[i] - behaviourB[i];
            double w = sigmoid((scoreA - scoreB) / TAU + logRatioA - logRatioB);
            total += w * pairs.policyA[i] + (1 - w) * pairs.policyB[i];
        }
        BehaviourCloningLoss loss = new BehaviourCloningLoss(THREE, TAU, LogProbReduction.SUM,
                MultiplierSource.fixed(LAMBDA));
        assertEquals(-total / pairs.size(), loss.compute(batch).loss().getDouble(), 1e-10);
    }

    @Test
    void runsEachReadTheirOwnMultipliersAndTheirLossesAdd() {
        double[] other = {3.0, 0.1};
        NDArray policyA = manager.create(new double[][] {pairs.policyA, pairs.policyA});
        NDArray policyB = manager.create(new double[][] {pairs.policyB, pairs.policyB});
        BehaviourCloningLoss loss = new BehaviourCloningLoss(THREE, TAU, LogProbReduction.SUM,
                m -> m.create(new double[][] {LAMBDA, other}));
        double value = loss.compute(pairs.batch(manager, policyA, policyB)).loss().getDouble();
        assertEquals(expected(LAMBDA, false) + expected(other, false), value, 1e-10);
    }

    /** Pairs 0–11 over four prompts, with given preference values: the batch of the corpus tests. */
    private static final long[] PROMPTS = {1, 1, 2, 3, 3, 3, 4, 2, 1, 4, 4, 3};

    private double[][][] values() {
        java.util.Random random = new java.util.Random(5);
        double[][][] values = new double[2][pairs.size()][3];
        for (double[][] side : values) {
            for (double[] response : side) {
                for (int k = 0; k < 3; k++) {
                    response[k] = random.nextDouble();
                }
            }
        }
        return values;
    }

    private PreferenceBatch valuedBatch(double[][][] values, PromptNormalisers normalisers) {
        return PreferenceBatch.builder()
                .policy(manager.create(pairs.policyA), manager.create(pairs.policyB))
                .reference(manager.create(pairs.referenceA), manager.create(pairs.referenceB))
                .outcomes(manager.create(pairs.outcomes))
                .prompts(PROMPTS)
                .preferenceValues(manager.create(values[0]), manager.create(values[1]))
                .promptNormalisers(normalisers)
                .build();
    }

    private static double score(double[] values, double[] lambda) {
        return values[0] + lambda[0] * values[1] + lambda[1] * values[2];
    }

    @Test
    void corpusNormalisersWeighEachResponseByItsRatioToItsPromptsWholeCorpus() {
        double[][][] values = values();
        double[] logZ = {Double.NaN, 2.0, -1.5, 0.25, 4.0};
        PromptNormalisers corpus = (prompt, lambda, tau) -> {
            assertEquals(TAU, tau);
            assertEquals(LAMBDA[1], lambda[1]);
            return logZ[(int) prompt];
        };
        double weighted = 0;
        double total = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double ratioA = Math.exp(score(values[0][i], LAMBDA) / TAU - logZ[(int) PROMPTS[i]]);
            double ratioB = Math.exp(score(values[1][i], LAMBDA) / TAU - logZ[(int) PROMPTS[i]]);
            weighted += ratioA * pairs.policyA[i] + ratioB * pairs.policyB[i];
            total += ratioA + ratioB;
        }
        BehaviourCloningLoss loss = new BehaviourCloningLoss(THREE, TAU, LogProbReduction.SUM,
                MultiplierSource.fixed(LAMBDA));
        assertEquals(-weighted / total, loss.compute(valuedBatch(values, corpus)).loss().getDouble(), 1e-10);
    }

    @Test
    void normalisersOverTheBatchItselfGiveTheBatchsOwnPerPromptTilt() {
        double[][][] values = values();
        PromptNormalisers batchOnly = (prompt, lambda, tau) -> {
            double sum = 0;
            int count = 0;
            for (int i = 0; i < PROMPTS.length; i++) {
                if (PROMPTS[i] == prompt) {
                    sum += Math.exp(score(values[0][i], lambda) / tau) + Math.exp(score(values[1][i], lambda) / tau);
                    count += 2;
                }
            }
            return Math.log(sum / count);
        };
        BehaviourCloningLoss loss = new BehaviourCloningLoss(THREE, TAU, LogProbReduction.SUM,
                MultiplierSource.fixed(LAMBDA));
        assertEquals(loss.compute(valuedBatch(values, null)).loss().getDouble(),
                loss.compute(valuedBatch(values, batchOnly)).loss().getDouble(), 1e-10);
    }

    @Test
    void aPromptTheNormalisersDoNotKnowFallsBackToTheBatchsOwnTilt() {
        double[][][] values = values();
        BehaviourCloningLoss loss = new BehaviourCloningLoss(THREE, TAU, LogProbReduction.SUM,
                MultiplierSource.fixed(LAMBDA));
        assertEquals(loss.compute(valuedBatch(values, null)).loss().getDouble(),
                loss.compute(valuedBatch(values, (prompt, lambda, tau) -> prompt == 3 ? Double.NaN : 0.0)).loss()
                        .getDouble(), 1e-12);
    }
}
