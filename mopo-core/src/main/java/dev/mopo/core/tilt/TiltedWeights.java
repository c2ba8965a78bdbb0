package dev.mopo.core.tilt;

import dev.mopo.core.Checks;
import java.util.Arrays;

/**
 * Eq. 3 of the published algorithm (spec §10) on a {@link ResponseSample}: for multipliers
 * {@code λ_2 … λ_K} each response's score {@code s(y) = p̄_1(y) + Σ_{k≥2} λ_k p̄_k(y)} gives the
 * ratio {@code ρ_λ = π_λ/π_ref ∝ exp(s/τ)}, normalised per prompt so that {@code E_{π_ref(·|x)} ρ = 1}.
 *
 * <p>The responses of a prompt group are its sample of {@code π_ref(·|x)}, importance-weighted by
 * {@code π_ref/μ} and self-normalised when the data came from another policy {@code μ}. Within a
 * group the target {@code π_λ} puts weight {@code w_i = softmax(ℓ + s/τ)_i} on response i
 * ({@code ℓ} the log importance ratio); for a group of one pair that is {@code w_a = σ((s_a − s_b)/τ)}.
 * Expectations over prompts weigh each group by its share of the pairs. Everything is computed
 * in log space.
 */
public final class TiltedWeights {

    private final ResponseSample sample;
    private final double tau;
    private final double[] joint;
    private final double[] logRatio;
    private double[][] groupMeans;

    private TiltedWeights(ResponseSample sample, double tau, double[] joint, double[] logRatio) {
        this.sample = sample;
        this.tau = tau;
        this.joint = joint;
        this.logRatio = logRatio;
    }

    /** The weights of {@code sample} for multipliers {@code λ_2 … λ_K} and KL strength {@code τ > 0}. */
    public static TiltedWeights of(ResponseSample sample, double[] lambda, double tau) {
        Checks.positive("tau", tau);
        int k = sample.objectives();
        if (lambda.length != k - 1) {
            throw new IllegalArgumentException("lambda must hold " + (k - 1) + " multipliers (one per constrained"
                    + " objective), got " + Arrays.toString(lambda));
        }
        int n = sample.size();
        int groups = sample.groups();
        double[] tilted = new double[n];
        double[] maxTilted = new double[groups];
        Arrays.fill(maxTilted, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double score = sample.value(i, 0);
            for (int j = 1; j < k; j++) {
                score += lambda[j - 1] * sample.value(i, j);
            }
            tilted[i] = sample.logImportance(i) + score / tau;
            int g = sample.group(i);
            maxTilted[g] = Math.max(maxTilted[g], tilted[i]);
        }
        double[] sumTilted = new double[groups];
        double[] joint = new double[n];
        for (int i = 0; i < n; i++) {
            int g = sample.group(i);
            joint[i] = Math.exp(tilted[i] - maxTilted[g]);
            sumTilted[g] += joint[i];
        }
        double[] logShift = new double[groups];
        for (int g = 0; g < groups; g++) {
            logShift[g] = sample.logImportanceMass(g) - maxTilted[g] - Math.log(sumTilted[g]);
            sumTilted[g] = sample.groupShare(g) / sumTilted[g];
        }
        double[] logRatio = new double[n];
        for (int i = 0; i < n; i++) {
            int g = sample.group(i);
            joint[i] *= sumTilted[g];
            logRatio[i] = tilted[i] - sample.logImportance(i) + logShift[g];
        }
        return new TiltedWeights(sample, tau, joint, logRatio);
    }

    /**
     * {@code π_λ}'s weight on each response (group share × {@code w_i}); sums to 1. For a group of
     * one pair, B pairs in all, it is {@code w_a / B} and {@code w_b / B}: the weights of Eq. 7. A copy.
     */
    public double[] joint() {
        return joint.clone();
    }

    /** {@code ρ_λ(y_i) = π_λ/π_ref}, normalised so that {@code E_{π_ref(·|x)} ρ = 1} per group. */
    public double ratio(int i) {
        return Math.exp(logRatio[i]);
    }

    /** {@code ρ_λ(y_i) · p̄_k(y_i)} for every response: the integrand of {@code G_k} and of Eq. 8. */
    public double[] ratioTimesValue(int k) {
        double[] f = new double[joint.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = sample.value(i, k) == 0 ? 0 : Math.exp(logRatio[i]) * sample.value(i, k);
        }
        return f;
    }

    /**
     * {@code G_k(ρ_λ) = E_{x, y∼π_ref}[ρ_λ p̄_k] = E_{π_λ}[p̄_k]}: the win rate of the target policy
     * under objective k, from the data's values and λ alone (spec §10).
     */
    public double constraint(int k) {
        double total = 0;
        for (int i = 0; i < joint.length; i++) {
            total += joint[i] * sample.value(i, k);
        }
        return total;
    }

    /**
     * {@code ∂G_k/∂λ_j} for the constrained objectives ({@code k, j ≥ 2}; entry {@code [k−2][j−2]}):
     * the covariance of {@code p̄_k} and {@code p̄_j} under {@code π_λ} within each prompt, averaged
     * over prompts, divided by {@code τ}. Symmetric and positive semi-definite.
     */
    public double[][] jacobian() {
        int k = sample.objectives();
        double[][] jacobian = new double[k - 1][];
        for (int a = 1; a < k; a++) {
            jacobian[a - 1] = gradient(a, joint);
        }
        return jacobian;
    }

    /**
     * {@code ∂/∂λ_j E_Q[ρ_λ p̄_k]} for {@code j ≥ 2} with the distribution {@code Q} over the responses
     * held fixed, given {@code Q·ρ_λ} per response ({@code weightedRatio}): with {@code Q = π_ref}
     * (so {@code Q·ρ = π_λ}) a row of {@link #jacobian()}; with Eq. 8's worst case {@code Q*} at the
     * maximising {@code χ}, the gradient of {@code Ĝ_k} (envelope theorem). Uses
     * {@code ∂ log ρ_i/∂λ_j = (p̄_j(y_i) − E_{π_λ(·|x_i)} p̄_j)/τ}.
     */
    public double[] gradient(int k, double[] weightedRatio) {
        int objectives = sample.objectives();
        double[][] groupMeans = groupMeans();
        double[] gradient = new double[objectives - 1];
        for (int i = 0; i < joint.length; i++) {
            double[] mean = groupMeans[sample.group(i)];
            double weight = weightedRatio[i] * sample.value(i, k) / tau;
            for (int j = 1; j < objectives; j++) {
                gradient[j - 1] += weight * (sample.value(i, j) - mean[j]);
            }
        }
        return gradient;
    }

    /** {@code E_{π_λ(·|x)} p̄_j} per group and objective, computed once. */
    private double[][] groupMeans() {
        if (groupMeans == null) {
            groupMeans = new double[sample.groups()][sample.objectives()];
            for (int i = 0; i < joint.length; i++) {
                int g = sample.group(i);
                for (int j = 0; j < sample.objectives(); j++) {
                    groupMeans[g][j] += joint[i] / sample.groupShare(g) * sample.value(i, j);
                }
            }
        }
        return groupMeans;
    }

    /** {@code 1 / Σ_i π_λ(i)²}: how many of the sample's responses the target policy effectively rests on. */
    public double effectiveSampleSize() {
        return ResponseSample.inverseSumOfSquares(joint);
    }
}
