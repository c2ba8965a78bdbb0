package dev.mopo.core.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.tabular.ExactSolver;
import dev.mopo.core.tabular.RandomProblems;
import dev.mopo.core.tabular.TabularProblem;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data dual against the exact tabular optimum (spec §7): with the exact preference values
 * {@code p̄_k = r_k} and {@code ε = 0} its fixed point is {@code λ*}.
 */
class DataDualTest {

    private static final double TAU = 0.2;

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static DataDualConfig config(boolean solve) {
        return config(solve, 0, RatchetSchedule.NEVER);
    }

    private static DataDualConfig config(boolean solve, int window, RatchetSchedule ratchet) {
        return new DataDualConfig(1, 100, solve, window, 0, 0.1, 0.05, ratchet);
    }

    private static ObjectiveSet objectives(int k) {
        return k == 2 ? ObjectiveSet.of("helpful", "harmless") : ObjectiveSet.of("helpful", "harmless", "honest");
    }

    /**
     * Every response of {@code problem} once as {@code y_a} and once as {@code y_b} (so the sample's
     * own distribution is uniform), one prompt, the exact values {@code r_k}, and behaviour
     * log-probs {@code log 1/N}: the importance weights {@code π_ref/μ} turn the sample into exactly
     * {@code π_ref}.
     */
    private PreferenceBatch exactBatch(TabularProblem problem) {
        int n = problem.responses();
        int k = problem.objectives();
        double[] reference = problem.reference();
        double[] logA = new double[n];
        double[] logB = new double[n];
        double[][] valuesA = new double[n][k];
        double[][] valuesB = new double[n][k];
        for (int y = 0; y < n; y++) {
            int other = (y + 1) % n;
            logA[y] = Math.log(reference[y]);
            logB[y] = Math.log(reference[other]);
            for (int j = 0; j < k; j++) {
                valuesA[y][j] = problem.responseWinRates(j)[y];
                valuesB[y][j] = problem.responseWinRates(j)[other];
            }
        }
        double[] uniform = new double[n];
        java.util.Arrays.fill(uniform, -Math.log(n));
        return PreferenceBatch.builder()
                .policy(manager.create(logA), manager.create(logB))
                .reference(manager.create(logA), manager.create(logB))
                .behaviour(manager.create(uniform), manager.create(uniform))
                .prompts(new long[n])
                .outcomes(manager.zeros(new ai.djl.ndarray.types.Shape(n, k)))
                .preferenceValues(manager.create(valuesA), manager.create(valuesB))
                .build();
    }

    /** Thresholds a fraction of the way from the unconstrained optimum's win rates to the best response's. */
    private static double[] thresholds(TabularProblem problem, double fraction) {
        int m = problem.objectives() - 1;
        double[] free = problem.winRates(problem.tiltedPolicy(new double[m]));
        double[] b = new double[m];
        for (int k = 0; k < m; k++) {
            double best = java.util.Arrays.stream(problem.responseWinRates(k + 1)).max().orElseThrow();
            b[k] = free[k + 1] + fraction * (best - free[k + 1]);
        }
        return b;
    }

    @Test
    void solvingOnExactValuesReachesTheExactMultipliers() {
        for (int k : new int[] {2, 3}) {
            TabularProblem problem = RandomProblems.bradleyTerry(9, k, TAU, new Random(10 + k));
            double[] b = thresholds(problem, 0.3);
            double[] exact = new ExactSolver(problem).solve(b).lambda();
            DataDual dual = new DataDual(objectives(k), b, TAU, new MultiplierRule.Lagrangian(1), config(true), null);
            dual.observe(exactBatch(problem));
            DualUpdate update = dual.update(1);
            assertArrayEquals(exact, update.lambda(), 1e-7, "K = " + k);
            double[] achieved = problem.winRates(problem.tiltedPolicy(update.lambda()));
            for (int j = 1; j < k; j++) {
                assertEquals(achieved[j], update.metrics().get("constraint/" + objectives(k).name(j)), 1e-9);
            }
        }
    }

    /**
     * With {@code ε > 0} the solved multipliers make the worst case over the KL ball meet the
     * threshold; the worst case is computed here by bisection on the primal's binding KL
     * constraint, independently of Eq. 8's dual.
     */
    @Test
    void solvingWithARadiusMeetsTheThresholdInTheWorstCase() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 2, TAU, new Random(13));
        double[] b = thresholds(problem, 0.2);
        double epsilon = 0.002;
        DataDualConfig robust = new DataDualConfig(1, 100, true, 0, epsilon, 0.1, 0.05, RatchetSchedule.NEVER);
        DataDual dual = new DataDual(objectives(2), b, TAU, new MultiplierRule.Lagrangian(1), robust, null);
        dual.observe(exactBatch(problem));
        double[] lambda = dual.update(1).lambda();
        double[] reference = problem.reference();
        double[] policy = problem.tiltedPolicy(lambda);
        double[] f = new double[reference.length];
        for (int y = 0; y < f.length; y++) {
            f[y] = policy[y] / reference[y] * problem.responseWinRates(1)[y];
        }
        assertTrue(lambda[0] < 100, "the robust threshold must be reachable: lambda " + lambda[0]);
        assertEquals(b[0], worstCaseByBisection(reference, f, epsilon), 1e-7);
        assertTrue(lambda[0] > new ExactSolver(problem).solve(b).lambda()[0], "the robust multiplier must be larger");
    }

    /** {@code min_{Q: KL(Q‖q) ≤ ε} E_Q[f]}: {@code Q ∝ q exp(−f/t)} with {@code t} bisected until the KL binds. */
    private static double worstCaseByBisection(double[] q, double[] f, double epsilon) {
        double lo = 1e-6;
        double hi = 1e6;
        double[] p = null;
        for (int iteration = 0; iteration < 300; iteration++) {
            double t = Math.sqrt(lo * hi);
            p = new double[q.length];
            double total = 0;
            for (int i = 0; i < q.length; i++) {
                p[i] = q[i] * Math.exp(-f[i] / t);
                total += p[i];
            }
            double kl = 0;
            for (int i = 0; i < q.length; i++) {
                p[i] /= total;
                kl += p[i] > 0 ? p[i] * Math.log(p[i] / q[i]) : 0;
            }
            if (kl > epsilon) {
                lo = t;
            } else {
                hi = t;
            }
        }
        double mean = 0;
        for (int i = 0; i < q.length; i++) {
            mean += p[i] * f[i];
        }
        return mean;
    }

    @Test
    void repeatedEquationNineStepsConvergeToTheExactMultipliers() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 2, TAU, new Random(12));
        double[] b = thresholds(problem, 0.4);
        double[] exact = new ExactSolver(problem).solve(b).lambda();
        DataDual dual = new DataDual(objectives(2), b, TAU, new MultiplierRule.Lagrangian(2), config(false), null);
        PreferenceBatch batch = exactBatch(problem);
        double[] lambda = null;
        for (int step = 1; step <= 3000; step++) {
            dual.observe(batch);
            lambda = dual.update(step).lambda();
        }
        assertArrayEquals(exact, lambda, 1e-6);
    }

    @Test
    void oneEquationNineStepMovesAgainstTheRobustSlack() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 2, TAU, new Random(12));
        double[] b = thresholds(problem, 0.4);
        DataDual dual = new DataDual(objectives(2), b, TAU, new MultiplierRule.Lagrangian(0.5), config(false),
                new double[] {1.0});
        dual.observe(exactBatch(problem));
        DualUpdate update = dual.update(1);
        double g = problem.winRates(problem.tiltedPolicy(new double[] {1.0}))[1];
        assertEquals(Math.max(0, 1.0 - 0.5 * (g - b[0])), update.lambda()[0], 1e-12);
    }

    @Test
    void theLogBarrierKeepsEachConstraintSigmaOverLambdaAboveItsThreshold() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 3, TAU, new Random(14));
        double[] b = thresholds(problem, 0.3);
        double sigma = 0.002;
        DataDual dual = new DataDual(objectives(3), b, TAU, new MultiplierRule.LogBarrier(sigma, 1e-5), config(true), null);
        dual.observe(exactBatch(problem));
        double[] lambda = dual.update(1).lambda();
        double[] achieved = problem.winRates(problem.tiltedPolicy(lambda));
        for (int k = 0; k < 2; k++) {
            assertEquals(sigma, lambda[k] * (achieved[k + 1] - b[k]), 1e-9, "objective " + (k + 2));
        }
    }

    @Test
    void theLogBarrierStaysFiniteFromAnInfeasibleStart() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 2, TAU, new Random(15));
        double[] b = thresholds(problem, 0.6);
        assertTrue(problem.winRates(problem.reference())[1] < b[0], "the start must violate the constraint");
        double sigma = 0.01;
        double knee = 1e-3;
        DataDual dual = new DataDual(objectives(2), b, TAU, new MultiplierRule.LogBarrier(sigma, knee), config(false), null);
        PreferenceBatch batch = exactBatch(problem);
        double[] lambda = null;
        for (int step = 1; step <= 60; step++) {
            dual.observe(batch);
            DualUpdate update = dual.update(step);
            lambda = update.lambda();
            assertTrue(Double.isFinite(lambda[0]) && lambda[0] >= 0 && lambda[0] <= 100, "step " + step + ": " + update);
            update.metrics().values().forEach(v -> assertTrue(Double.isFinite(v), update.toString()));
        }
        double achieved = problem.winRates(problem.tiltedPolicy(lambda))[1];
        assertEquals(sigma, lambda[0] * (achieved - b[0]), 1e-8);
    }

    @Test
    void anUnreachableThresholdStopsAtTheBarriersLargestMultiplier() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 2, TAU, new Random(15));
        double[] b = {0.999};
        DataDual dual = new DataDual(objectives(2), b, TAU, new MultiplierRule.LogBarrier(0.01, 1e-3), config(true), null);
        dual.observe(exactBatch(problem));
        assertEquals(0.01 / 1e-3, dual.update(1).lambda()[0], 1e-6);
    }

    @Test
    void thresholdsRatchetToARelaxedRobustValueFromOnePeriodEarlier() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 2, TAU, new Random(16));
        double[] b = thresholds(problem, 0.3);
        double beta = 0.9;
        DataDualConfig ratcheting = config(false, 0, RatchetSchedule.every(3, beta));
        DataDual dual = new DataDual(objectives(2), b, TAU, new MultiplierRule.Lagrangian(1), ratcheting, null);
        PreferenceBatch batch = exactBatch(problem);
        double recorded = Double.NaN;
        for (int step = 1; step <= 9; step++) {
            double before = problem.winRates(problem.tiltedPolicy(dual.lambda()))[1];
            dual.observe(batch);
            DualUpdate update = dual.update(step);
            assertEquals(step % 3 == 0, update.referenceMoves(), "step " + step);
            double threshold = update.metrics().get("threshold/harmless");
            if (step < 6) {
                assertEquals(b[0], threshold, 0, "step " + step);
            } else if (step == 6) {
                assertEquals(beta * recorded, threshold, 1e-12);
            }
            if (step == 3) {
                recorded = before;
            }
        }
    }

    @Test
    void aWindowKeepsOnlyTheMostRecentPairs() {
        TabularProblem problem = RandomProblems.bradleyTerry(6, 2, TAU, new Random(17));
        double[] b = thresholds(problem, 0.3);
        DataDual windowed = new DataDual(objectives(2), b, TAU, new MultiplierRule.Lagrangian(1),
                config(true, 6, RatchetSchedule.NEVER), null);
        DataDual exact = new DataDual(objectives(2), b, TAU, new MultiplierRule.Lagrangian(1), config(true), null);
        windowed.observe(skewedBatch(problem));
        windowed.observe(exactBatch(problem));
        exact.observe(exactBatch(problem));
        assertArrayEquals(exact.update(1).lambda(), windowed.update(1).lambda(), 1e-12);
    }

    @Test
    void aLossReadsTheMultipliersOfTheLatestUpdate() {
        TabularProblem problem = RandomProblems.bradleyTerry(9, 2, TAU, new Random(12));
        DataDual dual = new DataDual(objectives(2), thresholds(problem, 0.4), TAU, new MultiplierRule.Lagrangian(1),
                config(true), null);
        PreferenceBatch batch = exactBatch(problem);
        dual.observe(batch);
        double[] lambda = dual.update(1).lambda();
        assertArrayEquals(lambda, dual.source().multipliers(manager).toDoubleArray(), 0);
    }

    @Test
    void aMovingReferenceEmptiesTheWindow() {
        TabularProblem problem = RandomProblems.bradleyTerry(6, 2, TAU, new Random(19));
        DataDualConfig settings = config(false, 100, RatchetSchedule.every(2, 0.99));
        DataDual dual = new DataDual(objectives(2), thresholds(problem, 0.3), TAU, new MultiplierRule.Lagrangian(1),
                settings, null);
        double[] samples = new double[3];
        for (int step = 1; step <= 3; step++) {
            dual.observe(exactBatch(problem));
            samples[step - 1] = dual.update(step).metrics().get("samples");
        }
        assertArrayEquals(new double[] {12, 24, 12}, samples, 0);
    }

    /** N pairs whose responses all have the value 0.9 on both objectives: evidence the window must forget. */
    private PreferenceBatch skewedBatch(TabularProblem problem) {
        int n = problem.responses();
        double[][] values = new double[n][2];
        for (double[] row : values) {
            java.util.Arrays.fill(row, 0.9);
        }
        return PreferenceBatch.builder()
                .policy(manager.zeros(new ai.djl.ndarray.types.Shape(n)), manager.zeros(new ai.djl.ndarray.types.Shape(n)))
                .reference(manager.zeros(new ai.djl.ndarray.types.Shape(n)), manager.zeros(new ai.djl.ndarray.types.Shape(n)))
                .outcomes(manager.zeros(new ai.djl.ndarray.types.Shape(n, 2)))
                .preferenceValues(manager.create(values), manager.create(values))
                .build();
    }

    @Test
    void restoredStateGivesIdenticalUpdates() {
        Random random = new Random(18);
        TabularProblem problem = RandomProblems.bradleyTerry(8, 3, TAU, random);
        double[] b = thresholds(problem, 0.3);
        DataDualConfig settings = new DataDualConfig(2, 50, false, 20, 0.05, 0.3, 0.05, RatchetSchedule.every(4, 0.95));
        for (MultiplierRule rule : new MultiplierRule[] {new MultiplierRule.Lagrangian(0.8),
            new MultiplierRule.LogBarrier(0.01, 1e-3)}) {
            DataDual original = new DataDual(objectives(3), b, TAU, rule, settings, null);
            PreferenceBatch[] batches = new PreferenceBatch[16];
            for (int i = 0; i < batches.length; i++) {
                batches[i] = sampledBatch(problem, 7, random);
            }
            for (int step = 1; step <= 7; step++) {
                original.observe(batches[step - 1]);
                if (original.isDue(step)) {
                    original.update(step);
                }
            }
            DataDual restored = new DataDual(objectives(3), b, TAU, rule, settings, null);
            restored.restore(JsonRoundTrip.of(original.state()));
            for (int step = 8; step <= 16; step++) {
                original.observe(batches[step - 1]);
                restored.observe(batches[step - 1]);
                assertEquals(original.isDue(step), restored.isDue(step));
                if (original.isDue(step)) {
                    DualUpdate expected = original.update(step);
                    DualUpdate actual = restored.update(step);
                    assertArrayEquals(expected.lambda(), actual.lambda(), 0, rule + " step " + step);
                    assertEquals(expected.metrics(), actual.metrics(), rule + " step " + step);
                    assertEquals(expected.referenceMoves(), actual.referenceMoves());
                }
            }
        }
    }

    /** {@code pairs} pairs drawn from π_ref with outcomes from p_k, one prompt, response ids. */
    private PreferenceBatch sampledBatch(TabularProblem problem, int pairs, Random random) {
        int k = problem.objectives();
        long[] a = new long[pairs];
        long[] b = new long[pairs];
        double[][] outcomes = new double[pairs][k];
        for (int i = 0; i < pairs; i++) {
            a[i] = RandomProblems.sample(problem.reference(), random);
            b[i] = RandomProblems.sample(problem.reference(), random);
            for (int j = 0; j < k; j++) {
                outcomes[i][j] = random.nextDouble() < problem.preference(j, (int) a[i], (int) b[i]) ? 1 : -1;
            }
        }
        return PreferenceBatch.builder()
                .policy(manager.zeros(new ai.djl.ndarray.types.Shape(pairs)), manager.zeros(new ai.djl.ndarray.types.Shape(pairs)))
                .reference(manager.zeros(new ai.djl.ndarray.types.Shape(pairs)), manager.zeros(new ai.djl.ndarray.types.Shape(pairs)))
                .prompts(new long[pairs])
                .responses(a, b)
                .outcomes(manager.create(outcomes))
                .build();
    }

    @Test
    void updatingWithoutEvidenceIsAnError() {
        DataDual dual = new DataDual(objectives(2), new double[] {0.6}, TAU, new MultiplierRule.Lagrangian(1),
                config(false), null);
        assertThrows(IllegalStateException.class, () -> dual.update(1));
    }

    @Test
    void aCollapsedImportanceSampleIsFlagged() {
        int n = 30;
        double[] behaviour = new double[n];
        behaviour[0] = -30;
        PreferenceBatch batch = PreferenceBatch.builder()
                .policy(manager.zeros(new ai.djl.ndarray.types.Shape(n)), manager.zeros(new ai.djl.ndarray.types.Shape(n)))
                .reference(manager.zeros(new ai.djl.ndarray.types.Shape(n)), manager.zeros(new ai.djl.ndarray.types.Shape(n)))
                .behaviour(manager.create(behaviour), manager.zeros(new ai.djl.ndarray.types.Shape(n)))
                .prompts(new long[n])
                .outcomes(manager.ones(new ai.djl.ndarray.types.Shape(n, 2)))
                .build();
        DataDual dual = new DataDual(objectives(2), new double[] {0.6}, TAU, new MultiplierRule.Lagrangian(1),
                config(false), null);
        dual.observe(batch);
        DualUpdate update = dual.update(1);
        assertFalse(update.reliable(), update.toString());
        assertEquals(1, update.metrics().get("ess"), 1e-6);
    }

    @Test
    void badSettingsAreRefusedByName() {
        refused(() -> new DataDualConfig(1, 100, false, 0, -0.1, 0.1, 0.05, RatchetSchedule.NEVER), "epsilon");
        refused(() -> RatchetSchedule.every(10, 0), "threshold_relaxation");
        refused(() -> RatchetSchedule.every(10, 1.5), "threshold_relaxation");
        refused(() -> RatchetSchedule.every(0, 0.9), "ratchet_period");
        refused(() -> new MultiplierRule.LogBarrier(0, 1e-3), "barrier_strength");
        refused(() -> new MultiplierRule.LogBarrier(-1, 1e-3), "barrier_strength");
        refused(() -> new MultiplierRule.LogBarrier(0.01, 0), "barrier_knee");
        refused(() -> new MultiplierRule.Lagrangian(0), "dual_step_size");
        refused(() -> new DataDual(objectives(2), new double[] {1.2}, TAU, new MultiplierRule.Lagrangian(1),
                config(false), null), "thresholds.harmless");
    }

    private static void refused(org.junit.jupiter.api.function.Executable action, String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
        assertTrue(e.getMessage().contains(name), "'" + e.getMessage() + "' should name " + name);
    }
}
