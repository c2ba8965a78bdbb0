package dev.mopo.core.tabular;

import dev.mopo.core.Checks;

/**
 * A finite response set with known preference probabilities (spec §7): reference policy
 * {@code π_ref}, data policy {@code μ}, and for each objective k a matrix
 * {@code p_k[y][y'] = P(y ≻ y')} with {@code p_k[y][y'] + p_k[y'][y] = 1}. From these follow the
 * per-response win rates against the data, {@code r_k(y) = Σ_{y'} μ(y') p_k(y ≻ y')}, which make
 * every policy's win rate linear: {@code P_k(π) = Σ_y π(y) r_k(y)}.
 */
public final class TabularProblem {

    private static final double TOLERANCE = 1e-9;

    private final double[] reference;
    private final double[] behaviour;
    private final double[][][] preferences;
    private final double tau;
    private final double[][] responseWinRates;

    /**
     * A problem; distributions must be non-negative and sum to 1, {@code preferences[k]} must be
     * N×N with complementary entries, and {@code tau > 0}.
     */
    public TabularProblem(double[] reference, double[] behaviour, double[][][] preferences, double tau) {
        int n = reference.length;
        checkDistribution("reference", reference);
        checkDistribution("behaviour", behaviour);
        if (behaviour.length != n) {
            throw new IllegalArgumentException("behaviour must have " + n + " entries (one per response), got "
                    + behaviour.length);
        }
        if (preferences.length < 1) {
            throw new IllegalArgumentException("preferences must hold at least one objective");
        }
        for (int k = 0; k < preferences.length; k++) {
            checkPreferenceMatrix(k, preferences[k], n);
        }
        this.reference = reference.clone();
        this.behaviour = behaviour.clone();
        this.preferences = preferences;
        this.tau = Checks.positive("tau", tau);
        this.responseWinRates = new double[preferences.length][n];
        for (int k = 0; k < preferences.length; k++) {
            for (int y = 0; y < n; y++) {
                double sum = 0;
                for (int other = 0; other < n; other++) {
                    sum += behaviour[other] * preferences[k][y][other];
                }
                responseWinRates[k][y] = sum;
            }
        }
    }

    /** N, the number of responses. */
    public int responses() {
        return reference.length;
    }

    /** K, the number of objectives. */
    public int objectives() {
        return preferences.length;
    }

    /** The KL strength {@code τ}. */
    public double tau() {
        return tau;
    }

    /** {@code π_ref} (a copy). */
    public double[] reference() {
        return reference.clone();
    }

    /** {@code μ} (a copy). */
    public double[] behaviour() {
        return behaviour.clone();
    }

    /** {@code p_k(y ≻ y')}. */
    public double preference(int k, int y, int other) {
        return preferences[k][y][other];
    }

    /** {@code r_k(y)} for every response (a copy). */
    public double[] responseWinRates(int k) {
        return responseWinRates[k].clone();
    }

    /** {@code P_k(π) = Σ_y π(y) r_k(y)} for every objective. */
    public double[] winRates(double[] policy) {
        double[] rates = new double[objectives()];
        for (int k = 0; k < rates.length; k++) {
            for (int y = 0; y < policy.length; y++) {
                rates[k] += policy[y] * responseWinRates[k][y];
            }
        }
        return rates;
    }

    /** {@code KL(π ‖ π_ref)}. */
    public double kl(double[] policy) {
        double kl = 0;
        for (int y = 0; y < policy.length; y++) {
            if (policy[y] > 0) {
                kl += policy[y] * Math.log(policy[y] / reference[y]);
            }
        }
        return kl;
    }

    /**
     * The maximiser of the Lagrangian for fixed multipliers (spec §3):
     * {@code π_λ(y) ∝ π_ref(y) exp((r_1(y) + Σ_k λ_k r_k(y)) / τ)}.
     */
    public double[] tiltedPolicy(double[] lambda) {
        int n = responses();
        double[] logits = tiltedLogits(lambda);
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double total = 0;
        double[] policy = new double[n];
        for (int y = 0; y < n; y++) {
            policy[y] = Math.exp(logits[y] - max);
            total += policy[y];
        }
        for (int y = 0; y < n; y++) {
            policy[y] /= total;
        }
        return policy;
    }

    /** {@code log π_ref(y) + (r_1(y) + Σ λ_k r_k(y)) / τ}; {@code −∞} off the reference's support. */
    double[] tiltedLogits(double[] lambda) {
        int n = responses();
        double[] logits = new double[n];
        for (int y = 0; y < n; y++) {
            double score = responseWinRates[0][y];
            for (int k = 0; k < lambda.length; k++) {
                score += lambda[k] * responseWinRates[k + 1][y];
            }
            logits[y] = reference[y] > 0 ? Math.log(reference[y]) + score / tau : Double.NEGATIVE_INFINITY;
        }
        return logits;
    }

    private static void checkDistribution(String field, double[] p) {
        if (p.length < 2) {
            throw new IllegalArgumentException(field + " must have at least 2 responses, got " + p.length);
        }
        double total = 0;
        for (int y = 0; y < p.length; y++) {
            if (!(p[y] >= 0) || Double.isInfinite(p[y])) {
                throw new IllegalArgumentException(field + "[" + y + "] must be a probability, got " + p[y]);
            }
            total += p[y];
        }
        if (Math.abs(total - 1) > 1e-6) {
            throw new IllegalArgumentException(field + " must sum to 1, got " + total);
        }
    }

    private static void checkPreferenceMatrix(int k, double[][] p, int n) {
        if (p.length != n) {
            throw new IllegalArgumentException("preferences[" + k + "] must be " + n + "x" + n + ", got " + p.length + " rows");
        }
        for (int y = 0; y < n; y++) {
            if (p[y].length != n) {
                throw new IllegalArgumentException("preferences[" + k + "][" + y + "] must have " + n
                        + " entries, got " + p[y].length);
            }
            for (int other = 0; other < n; other++) {
                double value = p[y][other];
                if (!(value >= 0 && value <= 1)) {
                    throw new IllegalArgumentException("preferences[" + k + "][" + y + "][" + other
                            + "] must be a probability, got " + value);
                }
                if (Math.abs(value + p[other][y] - 1) > TOLERANCE) {
                    throw new IllegalArgumentException("preferences[" + k + "][" + y + "][" + other + "] + preferences["
                            + k + "][" + other + "][" + y + "] must be 1, got " + (value + p[other][y]));
                }
            }
        }
    }
}
