package dev.mopo.core.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact solver against the KKT conditions and strong duality on random instances. */
class ExactSolverTest {

    @Test
    void solutionsSatisfyKktOnRandomInstances() {
        Random random = new Random(1);
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            int objectives = 2 + trial % 2;
            TabularProblem problem = RandomProblems.bradleyTerry(5 + random.nextInt(30), objectives,
                    0.05 + 0.5 * random.nextDouble(), random);
            ExactSolver solver = new ExactSolver(problem);
            double[] thresholds = new double[objectives - 1];
            for (int k = 0; k < thresholds.length; k++) {
                thresholds[k] = 0.35 + 0.4 * random.nextDouble();
            }
            TabularSolution solution = solver.solve(thresholds);
            if (!solution.feasible()) {
                continue;
            }
            checked++;
            double[] lambda = solution.lambda();
            double[] rates = solution.winRates();
            for (int k = 0; k < lambda.length; k++) {
                double slack = rates[k + 1] - thresholds[k];
                assertTrue(lambda[k] >= 0, "dual feasibility");
                assertTrue(slack >= -1e-9, "primal feasibility: slack " + slack);
                assertEquals(0, lambda[k] * slack, 1e-9, "complementary slackness, lambda=" + lambda[k] + " slack=" + slack + " tau=" + problem.tau());
            }
            double primal = rates[0] - problem.tau() * solution.kl();
            assertEquals(primal, solver.dual(lambda, thresholds), 1e-9, "strong duality");
        }
        assertTrue(checked >= 20, "too few feasible instances: " + checked);
    }

    @Test
    void oneConstraintAgreesWithAGridSearchOfTheDual() {
        TabularProblem problem = RandomProblems.bradleyTerry(20, 2, 0.1, new Random(2));
        ExactSolver solver = new ExactSolver(problem);
        double unconstrained = problem.winRates(problem.tiltedPolicy(new double[] {0}))[1];
        double threshold = unconstrained + 0.05;
        TabularSolution solution = solver.solve(threshold);
        double bestLambda = 0;
        double best = Double.POSITIVE_INFINITY;
        for (double lambda = 0; lambda < 20; lambda += 1e-4) {
            double value = solver.dual(new double[] {lambda}, new double[] {threshold});
            if (value < best) {
                best = value;
                bestLambda = lambda;
            }
        }
        assertEquals(bestLambda, solution.lambda()[0], 2e-4);
        assertEquals(threshold, solution.winRates()[1], 1e-9, "an active constraint holds with equality");
    }

    @Test
    void slackThresholdsLeaveTheUnconstrainedOptimum() {
        TabularProblem problem = RandomProblems.bradleyTerry(10, 2, 0.2, new Random(3));
        double unconstrained = problem.winRates(problem.tiltedPolicy(new double[] {0}))[1];
        TabularSolution solution = new ExactSolver(problem).solve(unconstrained - 0.05);
        assertEquals(0, solution.lambda()[0], 0);
    }

    @Test
    void thresholdsAboveTheBestResponseAreInfeasible() {
        TabularProblem problem = RandomProblems.bradleyTerry(10, 2, 0.2, new Random(3));
        double best = java.util.Arrays.stream(problem.responseWinRates(1)).max().orElseThrow();
        TabularSolution solution = new ExactSolver(problem).solve(Math.min(0.999, best + 0.01));
        assertFalse(solution.feasible());
        IllegalStateException e = assertThrows(IllegalStateException.class, solution::winRates);
        assertTrue(e.getMessage().contains("infeasible"), e.getMessage());
    }

    @Test
    void jointlyInfeasibleThresholdsAreDetected() {
        // Two responses, each best at one of two objectives: both thresholds near the top cannot
        // hold at once although each can alone.
        double[] uniform = {0.5, 0.5};
        double[][][] p = {
            {{0.5, 0.5}, {0.5, 0.5}},
            {{0.5, 0.9}, {0.1, 0.5}},
            {{0.5, 0.1}, {0.9, 0.5}}
        };
        ExactSolver solver = new ExactSolver(new TabularProblem(uniform, uniform, p, 0.1));
        assertTrue(solver.solve(0.65, 0.3).feasible());
        assertTrue(solver.solve(0.3, 0.65).feasible());
        assertFalse(solver.solve(0.65, 0.65).feasible());
        assertEquals(0.5 - 0.65, solver.feasibilityMargin(new double[] {0.65, 0.65}), 1e-12);
    }

    @Test
    void thresholdsOutsideTheUnitIntervalAreRejected() {
        ExactSolver solver = new ExactSolver(RandomProblems.bradleyTerry(5, 2, 0.2, new Random(3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> solver.solve(1.2));
        assertTrue(e.getMessage().contains("threshold") && e.getMessage().contains("1.2"), e.getMessage());
    }
}
