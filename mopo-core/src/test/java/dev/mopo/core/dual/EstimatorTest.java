package dev.mopo.core.dual;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.mopo.core.Pairs;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.tabular.RandomProblems;
import dev.mopo.core.tabular.TabularProblem;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The win-rate estimators against their formulas and, for SNIS, against exact win rates. */
class EstimatorTest {

    @Test
    void snisWeighsResponsesBySoftmaxOfTheirLogRatios() {
        Pairs pairs = Pairs.random(6, 2, 21);
        int n = pairs.size();
        double[] logWeights = new double[2 * n];
        for (int i = 0; i < n; i++) {
            logWeights[i] = pairs.policyA[i] - pairs.referenceA[i];
            logWeights[n + i] = pairs.policyB[i] - pairs.referenceB[i];
        }
        double max = java.util.Arrays.stream(logWeights).max().orElseThrow();
        double total = 0;
        double[] w = new double[2 * n];
        for (int j = 0; j < w.length; j++) {
            w[j] = Math.exp(logWeights[j] - max);
            total += w[j];
        }
        double squares = 0;
        for (int j = 0; j < w.length; j++) {
            w[j] /= total;
            squares += w[j] * w[j];
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            WinRateEstimate estimate = new SnisEstimator().estimate(pairs.batch(manager));
            double[] rates = estimate.winRatesPerRun()[0];
            for (int k = 0; k < 2; k++) {
                double expected = 0;
                for (int i = 0; i < n; i++) {
                    double indicator = (1 + pairs.outcomes[i][k]) / 2;
                    expected += w[i] * indicator + w[n + i] * (1 - indicator);
                }
                assertEquals(expected, rates[k], 1e-12);
            }
            assertEquals(1 / squares, estimate.effectiveSampleSizePerRun()[0], 1e-9);
            assertEquals(2 * n, estimate.samples());
        }
    }

    @Test
    void pairwiseAveragesSigmoidOfTheMargin() {
        Pairs pairs = Pairs.random(8, 2, 22);
        try (NDManager manager = NDManager.newBaseManager()) {
            double[] rates = new PairwiseEstimator().estimate(pairs.batch(manager)).winRatesPerRun()[0];
            for (int k = 0; k < 2; k++) {
                double expected = 0;
                for (int i = 0; i < pairs.size(); i++) {
                    double q = 1 / (1 + Math.exp(-pairs.margin(i, false)));
                    double indicator = (1 + pairs.outcomes[i][k]) / 2;
                    expected += q * indicator + (1 - q) * (1 - indicator);
                }
                assertEquals(expected / pairs.size(), rates[k], 1e-12);
            }
        }
    }

    /**
     * With pairs sampled from μ = π_ref and outcomes from p_k, SNIS recovers the exact win rates
     * of a tilted policy: the estimator is consistent, not merely a formula.
     */
    @Test
    void snisRecoversExactWinRatesOfATiltedPolicy() {
        TabularProblem problem = RandomProblems.bradleyTerry(12, 2, 0.3, new Random(4));
        double[] policy = problem.tiltedPolicy(new double[] {0.8});
        double[] exact = problem.winRates(policy);
        double[] reference = problem.reference();
        Random random = new Random(9);
        int n = 40_000;
        double[] policyA = new double[n];
        double[] policyB = new double[n];
        double[] referenceA = new double[n];
        double[] referenceB = new double[n];
        double[][] outcomes = new double[n][2];
        for (int i = 0; i < n; i++) {
            int a = RandomProblems.sample(reference, random);
            int b = RandomProblems.sample(reference, random);
            policyA[i] = Math.log(policy[a]);
            policyB[i] = Math.log(policy[b]);
            referenceA[i] = Math.log(reference[a]);
            referenceB[i] = Math.log(reference[b]);
            for (int k = 0; k < 2; k++) {
                outcomes[i][k] = random.nextDouble() < problem.preference(k, a, b) ? 1 : -1;
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            PreferenceBatch batch = PreferenceBatch.builder()
                    .policy(manager.create(policyA), manager.create(policyB))
                    .reference(manager.create(referenceA), manager.create(referenceB))
                    .outcomes(manager.create(outcomes))
                    .build();
            double[] estimate = new SnisEstimator().estimate(batch).winRatesPerRun()[0];
            assertEquals(exact[0], estimate[0], 0.01);
            assertEquals(exact[1], estimate[1], 0.01);
        }
    }
}
