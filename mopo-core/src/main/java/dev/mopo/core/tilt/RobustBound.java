package dev.mopo.core.tilt;

import dev.mopo.core.Checks;

/**
 * Eq. 8 of the published algorithm (spec §10): the worst case of {@code E_Q[f]} over the
 * distributions {@code Q} within KL radius {@code ε} of a reference {@code q},
 *
 * <pre>min_{Q : KL(Q‖q) ≤ ε} E_Q[f] = sup_{χ>0} h(χ),   h(χ) = −χ · log E_q exp(−f/χ) − χ ε</pre>
 *
 * {@code h} is concave in {@code χ} (the perspective of a convex function, negated, minus a linear
 * term), so its maximum is found by projected gradient steps or, to convergence, by a safeguarded
 * Newton search on {@code h'}. Sums are taken in log space. {@code χ} is projected onto
 * {@code [CHI_MIN, CHI_MAX]}; for {@code ε = 0} the supremum is {@code E_q[f]}, approached as
 * {@code χ → ∞}, and callers use that value directly.
 *
 * <p>Arrays: {@code q} non-negative weights summing to 1, {@code f} finite values, same length.
 */
public final class RobustBound {

    /** The smallest {@code χ} steps may reach. */
    public static final double CHI_MIN = 1e-9;
    /** The largest {@code χ} steps may reach. */
    public static final double CHI_MAX = 1e9;

    private static final int MAX_SEARCH = 200;

    private RobustBound() {}

    /** {@code h(χ)}. */
    public static double value(double[] q, double[] f, double chi, double epsilon) {
        return -chi * logMean(q, f, chi) - chi * epsilon;
    }

    /** {@code h'(χ) = −log E_q exp(−f/χ) − E_{Q_χ}[f]/χ − ε}, with {@code Q_χ ∝ q·exp(−f/χ)}. */
    public static double slope(double[] q, double[] f, double chi, double epsilon) {
        double logMean = logMean(q, f, chi);
        return -logMean - tiltedMean(q, f, f, chi, logMean) / chi - epsilon;
    }

    /** One projected gradient step {@code χ ← clip(χ + η·h'(χ))}. */
    public static double step(double[] q, double[] f, double chi, double epsilon, double stepSize) {
        return clip(chi + stepSize * slope(q, f, chi, epsilon));
    }

    /**
     * The maximiser of {@code h} over {@code [CHI_MIN, CHI_MAX]} for {@code ε > 0}, searched from
     * {@code start}: Newton steps on {@code h'} (with {@code h'' = −Var_{Q_χ}(f)/χ³}) kept inside a
     * shrinking bracket, bisected in {@code log χ} when Newton leaves it.
     */
    public static double maximise(double[] q, double[] f, double start, double epsilon) {
        Checks.positive("epsilon", epsilon);
        double chi = clip(start);
        double lo = CHI_MIN;
        double hi = CHI_MAX;
        if (slope(q, f, lo, epsilon) <= 0) {
            return lo;
        }
        if (slope(q, f, hi, epsilon) >= 0) {
            return hi;
        }
        for (int i = 0; i < MAX_SEARCH && hi / lo > 1 + 1e-13; i++) {
            double logMean = logMean(q, f, chi);
            double mean = tiltedMean(q, f, f, chi, logMean);
            double slope = -logMean - mean / chi - epsilon;
            if (slope == 0) {
                return chi;
            }
            if (slope > 0) {
                lo = chi;
            } else {
                hi = chi;
            }
            double variance = tiltedMean(q, f, squaredDeviations(f, mean), chi, logMean);
            double next = variance > 0 ? chi + slope * chi * chi * chi / variance : Double.NaN;
            next = next > lo && next < hi ? next : Math.sqrt(lo * hi);
            if (Math.abs(next - chi) <= 1e-12 * chi) {
                return next;
            }
            chi = next;
        }
        return chi;
    }

    /** {@code log E_q exp(−f/χ)}. */
    private static double logMean(double[] q, double[] f, double chi) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0) {
                max = Math.max(max, Math.log(q[i]) - f[i] / chi);
            }
        }
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0) {
                total += Math.exp(Math.log(q[i]) - f[i] / chi - max);
            }
        }
        return max + Math.log(total);
    }

    /** {@code E_{Q_χ}[g]} for {@code Q_χ = q·exp(−f/χ) / E_q exp(−f/χ)}. */
    private static double tiltedMean(double[] q, double[] f, double[] g, double chi, double logMean) {
        double total = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] > 0) {
                total += Math.exp(Math.log(q[i]) - f[i] / chi - logMean) * g[i];
            }
        }
        return total;
    }

    private static double[] squaredDeviations(double[] f, double mean) {
        double[] squares = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            squares[i] = (f[i] - mean) * (f[i] - mean);
        }
        return squares;
    }

    private static double clip(double chi) {
        return Math.min(CHI_MAX, Math.max(CHI_MIN, chi));
    }
}
