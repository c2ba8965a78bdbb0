package dev.mopo.core.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hypervolumes of hand-computed sets. */
class HypervolumeTest {

    @Test
    void twoDimensionalStaircase() {
        // Points (3,1), (2,2), (1,3) over reference (0,0): 3 + 2 + 1 = 6 unit squares.
        List<double[]> points = List.of(new double[] {3, 1}, new double[] {2, 2}, new double[] {1, 3});
        assertEquals(6, Hypervolume.of2d(points, new double[] {0, 0}), 1e-12);
    }

    @Test
    void dominatedPointsAndPointsBehindTheReferenceAddNothing() {
        List<double[]> points = List.of(new double[] {3, 1}, new double[] {2, 2}, new double[] {1, 3},
                new double[] {1.5, 1.5}, new double[] {-1, 10});
        assertEquals(6, Hypervolume.of2d(points, new double[] {0, 0}), 1e-12);
        // Over (0.5, 1) the point (3, 1) no longer counts: (2,2) adds 1.5 × 1 and (1,3) adds 0.5 × 1.
        assertEquals(1.5 + 0.5, Hypervolume.of2d(points, new double[] {0.5, 1}), 1e-12);
    }

    @Test
    void threeDimensionalUnionOfBoxes() {
        // Boxes [0,2]x[0,1]x[0,1] (vol 2) and [0,1]x[0,2]x[0,3] (vol 6) overlap in [0,1]x[0,1]x[0,1].
        List<double[]> points = List.of(new double[] {2, 1, 1}, new double[] {1, 2, 3});
        assertEquals(2 + 6 - 1, Hypervolume.of3d(points, new double[] {0, 0, 0}), 1e-12);
    }

    @Test
    void threeDimensionalSingleBoxAndCorner() {
        assertEquals(24, Hypervolume.of(List.of(new double[] {2, 3, 4}), new double[] {0, 0, 0}), 1e-12);
        List<double[]> cube = List.of(new double[] {1, 0.5, 0.5}, new double[] {0.5, 1, 0.5},
                new double[] {0.5, 0.5, 1});
        // Three slabs of 0.5^2 each plus the shared cube 0.5^3.
        assertEquals(0.125 + 3 * 0.125, Hypervolume.of(cube, new double[] {0, 0, 0}), 1e-12);
    }

    @Test
    void paretoFilterKeepsNonDominatedPoints() {
        List<double[]> front = ParetoFront.filter(List.of(new double[] {1, 2}, new double[] {2, 1},
                new double[] {0.5, 0.5}, new double[] {1, 2}, new double[] {2, 2}));
        assertEquals(1, front.size());
        assertEquals(2, front.get(0)[0]);
    }
}
