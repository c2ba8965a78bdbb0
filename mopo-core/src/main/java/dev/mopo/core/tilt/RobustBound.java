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
        return -chi * logMean(logs(q), f, chi) - chi * epsilon;
    }

    /** {@code h'(χ) = −log E_q exp(−f/χ) − E_{Q_χ}[f]/χ − ε}, with {@code Q_χ ∝ q·exp(−f/χ)}. */
    public static double slope(double[] q, double[] f, double chi, double epsilon) {
        return slopeOf(logs(q), f, chi, epsilon);
    }

    private static double slopeOf(double[] logQ, double[] f, double chi, double epsilon) {
        double logMean = logMean(logQ, f, chi);
        return -logMean - tiltedMean(logQ, f, f, chi, logMean) / chi - epsilon;
    }

    /** One projected gradient step {@code χ ← clip(χ + η·h'(χ))}. */
    public static double step(double[] q, double[] f, double chi, double epsilon, double stepSize) {
        return clip(chi + stepSize * slope(q, f, chi, epsilon));
    }

    /**
     * The maximiser of {@code h} over {@code [CHI_MIN, CHI_MAX]} for {@code ε > 0}, searched from
     * {@code start}: Newton steps on {@code χ·h'(χ)} in {@code u = log χ} (with
     * {@code h'' = −Var_{Q_χ}(f)/χ³}) kept inside a shrinking bracket, bisected when Newton leaves
     * it, until {@code log χ} moves less than {@code 10⁻¹⁰}.
     */
    public static double maximise(double[] q, double[] f, double start, double epsilon) {
        Checks.positive("epsilon", epsilon);
        double[] logQ = logs(q);
        double lo = Math.log(CHI_MIN);
        double hi = Math.log(CHI_MAX);
        if (slopeOf(logQ, f, CHI_MIN, epsilon) <= 0) {
            return CHI_MIN;
        }
        if (slopeOf(logQ, f, CHI_MAX, epsilon) >= 0) {
            return CHI_MAX;
        }
        double u = Math.log(clip(start));
        for (int i = 0; i < MAX_SEARCH; i++) {
            double chi = Math.exp(u);
            double logMean = logMean(logQ, f, chi);
            double mean = tiltedMean(logQ, f, f, chi, logMean);
            double slope = -logMean - mean / chi - epsilon;
            if (slope > 0) {
                lo = u;
            } else {
                hi = u;
            }
            // d/du [χ h'(χ)] = χ h' + χ² h'' with h'' = −Var/χ³
            double variance = tiltedMean(logQ, f, squaredDeviations(f, mean), chi, logMean);
            double derivative = chi * slope - variance / chi;
            double next = derivative < 0 ? u - chi * slope / derivative : Double.NaN;
            next = next > lo && next < hi ? next : (lo + hi) / 2;
            if (Math.abs(next - u) < 1e-10 || hi - lo < 1e-10) {
                return Math.exp(next);
            }
            u = next;
        }
        return Math.exp(u);
    }

    /**
     * The minimising distribution at {@code χ}, {@code Q_χ ∝ q·exp(−f/χ)} (sums to 1): at the
     * maximising {@code χ}, Eq. 8's worst case, the distribution whose {@code E_Q[f]} is the bound.
     */
    public static double[] worstCase(double[] q, double[] f, double chi) {
        double[] logQ = logs(q);
        double logMean = logMean(logQ, f, chi);
        double[] weights = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            weights[i] = logQ[i] > Double.NEGATIVE_INFINITY ? Math.exp(logQ[i] - f[i] / chi - logMean) : 0;
        }
        return weights;
    }

    private static double[] logs(double[] q) {
        double[] logQ = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            logQ[i] = Math.log(q[i]);
        }
        return logQ;
    }

    /** {@code log E_q exp(−f/χ)} from {@code log q} (entries of −∞ drop out). */
    private static double logMean(double[] logQ, double[] f, double chi) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logQ.length; i++) {
            max = Math.max(max, logQ[i] - f[i] / chi);
        }
        double total = 0;
        for (int i = 0; i < logQ.length; i++) {
            total += Math.exp(logQ[i] - f[i] / chi - max);
        }
        return max + Math.log(total);
    }

    /** {@code E_{Q_χ}[g]} for {@code Q_χ = q·exp(−f/χ) / E_q exp(−f/χ)}. */
    private static double tiltedMean(double[] logQ, double[] f, double[] g, double chi, double logMean) {
        double total = 0;
        for (int i = 0; i < logQ.length; i++) {
            if (logQ[i] > Double.NEGATIVE_INFINITY) {
                total += Math.exp(logQ[i] - f[i] / chi - logMean) * g[i];
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
