package dev.mopo.bench.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.core.tabular.TabularProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureTest {

    private final SyntheticSuite suite = new SyntheticSuite(SyntheticConfig.DEFAULT.withResponses(24), List.of(Estimators.SNIS), List.of(), false);

    @Test
    void everyStructureIsAValidProblemWithItsObjectiveCount() {
        for (Structure structure : Structure.values()) {
            TabularProblem problem = suite.problem(structure);
            assertEquals(structure.objectives(), problem.objectives(), structure.id());
            assertEquals(24, problem.responses());
        }
    }

    @Test
    void correlationSignsFollowTheStructureNames() {
        assertTrue(correlation(suite.problem(Structure.BT_ALIGNED)) > 0.5);
        assertTrue(correlation(suite.problem(Structure.BT_CONFLICTING)) < -0.5);
    }

    @Test
    void deterministicPreferencesAreStrict() {
        TabularProblem problem = suite.problem(Structure.DETERMINISTIC);
        for (int k = 0; k < 2; k++) {
            for (int y = 0; y < problem.responses(); y++) {
                for (int other = 0; other < problem.responses(); other++) {
                    double p = problem.preference(k, y, other);
                    assertTrue(p == 0 || p == 1 || (p == 0.5 && y == other), "p=" + p);
                }
            }
        }
    }

    @Test
    void cyclicPreferencesContainAnIntransitiveTriple() {
        TabularProblem problem = suite.problem(Structure.CYCLIC);
        int n = problem.responses();
        boolean found = false;
        for (int a = 0; a < n && !found; a++) {
            for (int b = 0; b < n && !found; b++) {
                for (int c = 0; c < n && !found; c++) {
                    found = problem.preference(0, a, b) > 0.5 && problem.preference(0, b, c) > 0.5
                            && problem.preference(0, c, a) > 0.5;
                }
            }
        }
        assertTrue(found, "no cycle a > b > c > a");
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Structure.byId("bt"));
        assertTrue(e.getMessage().contains("bt-aligned") && e.getMessage().contains("three-objective"), e.getMessage());
    }

    private static double correlation(TabularProblem problem) {
        double[] x = problem.responseWinRates(0);
        double[] y = problem.responseWinRates(1);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i] / x.length;
            my += y[i] / y.length;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
