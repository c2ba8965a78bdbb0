package dev.mopo.bench.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mopo.core.tabular.TabularProblem;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BradleyTerryFitTest {

    @Test
    void recoversUtilityDifferencesFromManyPairs() {
        double[] utility = {0, 1.0, -0.5, 2.0, 0.3};
        int n = utility.length;
        double[][][] p = new double[1][n][n];
        for (int y = 0; y < n; y++) {
            for (int other = 0; other < n; other++) {
                p[0][y][other] = 1 / (1 + Math.exp(utility[other] - utility[y]));
            }
        }
        double[] uniform = {0.2, 0.2, 0.2, 0.2, 0.2};
        PairSample sample = PairSample.draw(new TabularProblem(uniform, uniform, p, 0.1), 200_000, new Random(1));
        double[] fitted = BradleyTerryFit.fit(sample, 0, n);
        for (int y = 1; y < n; y++) {
            assertEquals(utility[y] - utility[0], fitted[y] - fitted[0], 0.05, "utility of response " + y);
        }
    }
}
