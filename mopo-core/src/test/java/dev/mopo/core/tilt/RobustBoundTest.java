package dev.mopo.core.tilt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Eq. 8's dual form against the primal it stands for, {@code min_{Q: KL(Q‖q) ≤ ε} E_Q[f]}, solved
 * by independent code: a refined grid over the simplex, and bisection on the KL constraint.
 */
class RobustBoundTest {

    private static final double[] Q = {0.5, 0.3, 0.2};
    private static final double[] F = {1.0, 0.4, 2.0};

    private static double kl(double[] p, double[] q) {
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                total += p[i] * Math.log(p[i] / q[i]);
            }
        }
        return total;
    }

    private static double mean(double[] p, double[] f) {
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            total += p[i] * f[i];
        }
        return total;
    }

    /** The primal by brute force: a grid over the 3-simplex, refined around the best feasible point. */
    private static double primalByGrid(double epsilon) {
        double bestValue = Double.POSITIVE_INFINITY;
        double centreA = 1.0 / 3;
        double centreB = 1.0 / 3;
        double radius = 0.5;
        for (int round = 0; round < 12; round++) {
            double nextA = centreA;
            double nextB = centreB;
            int steps = 200;
            for (int i = 0; i <= steps; i++) {
                for (int j = 0; j <= steps; j++) {
                    double a = centreA - radius + 2 * radius * i / steps;
                    double b = centreB - radius + 2 * radius * j / steps;
                    double c = 1 - a - b;
                    if (a < 0 || b < 0 || c < 0) {
                        continue;
                    }
                    double[] p = {a, b, c};
                    if (kl(p, Q) <= epsilon && mean(p, F) < bestValue) {
                        bestValue = mean(p, F);
                        nextA = a;
                        nextB = b;
                    }
                }
            }
            centreA = nextA;
            centreB = nextB;
            radius /= 4;
        }
        return bestValue;
    }

    /**
     * The primal by its own optimality condition: the minimiser is {@code Q ∝ q·exp(−f/t)} with
     * {@code t} chosen so that the KL constraint binds; bisection on {@code t}.
     */
    private static double primalByBisection(double epsilon) {
        double lo = 1e-6;
        double hi = 1e6;
        for (int i = 0; i < 300; i++) {
            double t = Math.sqrt(lo * hi);
            if (kl(tilt(t), Q) > epsilon) {
                lo = t;
            } else {
                hi = t;
            }
        }
        return mean(tilt(hi), F);
    }

    private static double[] tilt(double t) {
        double[] p = new double[Q.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Q[i] * Math.exp(-F[i] / t);
            total += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= total;
        }
        return p;
    }

    @Test
    void theMaximisedDualIsTheWorstCaseOverTheKlBall() {
        for (double epsilon : new double[] {0.01, 0.1, 0.3}) {
            double chi = RobustBound.maximise(Q, F, 1.0, epsilon);
            double dual = RobustBound.value(Q, F, chi, epsilon);
            assertEquals(primalByBisection(epsilon), dual, 1e-9, "epsilon " + epsilon);
            assertEquals(primalByGrid(epsilon), dual, 1e-6, "epsilon " + epsilon);
        }
    }

    @Test
    void everyChiGivesALowerBoundOnTheWorstCase() {
        double epsilon = 0.1;
        double primal = primalByBisection(epsilon);
        for (double chi = 0.01; chi < 100; chi *= 1.7) {
            assertTrue(RobustBound.value(Q, F, chi, epsilon) <= primal + 1e-12, "chi " + chi);
        }
    }

    @Test
    void projectedGradientStepsClimbToTheMaximum() {
        double epsilon = 0.1;
        double chi = 5;
        for (int i = 0; i < 2000; i++) {
            chi = RobustBound.step(Q, F, chi, epsilon, 0.5);
        }
        assertEquals(RobustBound.maximise(Q, F, 1.0, epsilon), chi, 1e-8);
    }

    @Test
    void aRadiusThatHoldsThePointMassOfTheMinimumGivesTheMinimum() {
        // KL(δ_min ‖ q) = −log q(argmin f) = −log 0.3 ≈ 1.20 < 2
        double chi = RobustBound.maximise(Q, F, 1.0, 2.0);
        assertEquals(0.4, RobustBound.value(Q, F, chi, 2.0), 1e-6);
    }

    @Test
    void theSlopeIsTheDerivativeOfTheValue() {
        double h = 1e-6;
        for (double chi : new double[] {0.2, 1, 3}) {
            double numeric = (RobustBound.value(Q, F, chi + h, 0.1) - RobustBound.value(Q, F, chi - h, 0.1)) / (2 * h);
            assertEquals(numeric, RobustBound.slope(Q, F, chi, 0.1), 1e-8);
        }
    }

    @Test
    void aLargeChiApproachesTheReferenceMeanWhenTheRadiusIsZero() {
        assertEquals(mean(Q, F), RobustBound.value(Q, F, 1e7, 0), 1e-6);
    }
}
