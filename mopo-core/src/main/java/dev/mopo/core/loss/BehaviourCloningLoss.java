package dev.mopo.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.mopo.core.Checks;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.batch.PromptNormalisers;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.tilt.PreferenceValues;
import dev.mopo.core.tilt.ResponseSample;
import dev.mopo.core.tilt.TiltedWeights;
import java.util.Map;

/**
 * The published algorithm's policy step (spec §10, Eq. 7): importance-weighted behaviour cloning
 * of the tilted policy {@code π_λ ∝ π_ref exp(s/τ)},
 *
 * <pre>L(ψ) = − mean over pairs [ w_a · log π_ψ(y_a|x) + w_b · log π_ψ(y_b|x) ]</pre>
 *
 * with the weights of Eq. 3 ({@link TiltedWeights}: {@code w_a = σ((s_a − s_b)/τ)} for a pair that
 * is its prompt's only one, a softmax of {@code s/τ} over all the responses of a prompt when the
 * batch gives prompt ids) and no gradient through them. When the batch carries the corpus's
 * {@link PreferenceBatch#promptNormalisers() normalisers}, each response is weighted by
 * {@code ρ = exp(s/τ)/Z(x)} with {@code Z(x)} over every response of its prompt in the corpus,
 * self-normalised over the batch: the tilted policy the data dual solved λ for, whatever the
 * batch holds of each prompt (for a prompt with one pair in the corpus, the pair weights again). Preference values {@code p̄_k} come from
 * {@link dev.mopo.core.tilt.PreferenceValues}. With a moved reference (the batch carries the data
 * policy's log-probs) the weights also carry {@code π_ref/μ}, self-normalised per prompt.
 *
 * <p>It minimises {@code KL(π_λ ‖ π_ψ)}, never pushes a response's probability down, and needs no
 * reference log-probs unless the reference moved. Log-probs are summed over the response tokens
 * or averaged ({@link LogProbReduction}). The loss is {@code −Σ_i π_λ(i) log π_ψ(y_i)} over the
 * 2B responses, which is the mean over pairs above when every pair is its own prompt. With R runs
 * in the batch each reads its own row of multipliers (shape {@code [R, K−1]}, or {@code [K−1]}
 * shared).
 */
public final class BehaviourCloningLoss implements PreferenceLoss {

    private final ObjectiveSet objectives;
    private final double tau;
    private final LogProbReduction reduction;
    private final MultiplierSource multipliers;

    /** Behaviour cloning with KL strength {@code tau} (TRL's {@code beta}), reading {@code λ} from {@code multipliers}. */
    public BehaviourCloningLoss(ObjectiveSet objectives, double tau, LogProbReduction reduction,
            MultiplierSource multipliers) {
        this.objectives = objectives;
        this.tau = Checks.positive("tau", tau);
        this.reduction = reduction;
        this.multipliers = multipliers;
    }

    @Override
    public LossOutput compute(PreferenceBatch batch) {
        batch.requireObjectives(objectives);
        NDArray logProbA = batch.logProbA(reduction);
        NDArray logProbB = batch.logProbB(reduction);
        int pairs = batch.size();
        int runs = (int) (logProbA.size() / pairs);
        double[][] lambda = lambdaPerRun(batch, runs);
        double[] weights = new double[runs * 2 * pairs];
        double tiltEss = 0;
        double importanceEss = 0;
        boolean moved = batch.logImportance().isPresent();
        ResponseSample shared = moved ? null : ResponseSample.of(batch, 0);
        for (int r = 0; r < runs; r++) {
            double[] joint = moved ? null : corpusWeights(batch, lambda[r]);
            if (joint == null) {
                ResponseSample sample = moved ? ResponseSample.of(batch, r) : shared;
                TiltedWeights tilted = TiltedWeights.of(sample, lambda[r], tau);
                joint = tilted.joint();
                importanceEss += moved ? sample.importanceEffectiveSampleSize() / runs : 0;
            }
            System.arraycopy(joint, 0, weights, r * 2 * pairs, 2 * pairs);
            tiltEss += ResponseSample.inverseSumOfSquares(joint) / runs;
        }
        NDArray w = logProbA.getManager().create(weights).toType(logProbA.getDataType(), false)
                .reshape(runs, 2 * pairs);
        NDArray logProbs = logProbA.reshape(runs, pairs).concat(logProbB.reshape(runs, pairs), 1);
        NDArray loss = logProbs.mul(w).sum().neg();
        double tiltedSize = tiltEss;
        double referenceSize = importanceEss;
        return new LossOutput(loss, () -> {
            NDArray margin = batch.margin(reduction);
            Map<String, NDArray> metrics = PairTerms.standardMetrics(margin, batch, objectives);
            metrics.put("tilt_ess", margin.getManager().create(tiltedSize));
            if (moved) {
                metrics.put("importance_ess", margin.getManager().create(referenceSize));
            }
            return metrics;
        });
    }

    /**
     * With the corpus's normalisers ({@link PreferenceBatch#promptNormalisers()}), each response's
     * {@code ρ = exp(s/τ)/Z(x)} self-normalised over the batch, {@code [2B]} (a then b); null when the
     * batch has no normalisers or one of its prompts is unknown to them.
     */
    private double[] corpusWeights(PreferenceBatch batch, double[] lambda) {
        PromptNormalisers normalisers = batch.promptNormalisers().orElse(null);
        if (normalisers == null) {
            return null;
        }
        long[] prompts = batch.promptIds().orElseThrow();
        double[][][] values = PreferenceValues.of(batch);
        int pairs = prompts.length;
        double[] logRatio = new double[2 * pairs];
        double max = Double.NEGATIVE_INFINITY;
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < pairs; i++) {
                double logZ = normalisers.logNormaliser(prompts[i], lambda, tau);
                if (Double.isNaN(logZ)) {
                    return null;
                }
                double score = values[side][i][0];
                for (int j = 1; j < values[side][i].length; j++) {
                    score += lambda[j - 1] * values[side][i][j];
                }
                logRatio[side * pairs + i] = score / tau - logZ;
                max = Math.max(max, logRatio[side * pairs + i]);
            }
        }
        double total = 0;
        for (int i = 0; i < logRatio.length; i++) {
            logRatio[i] = Math.exp(logRatio[i] - max);
            total += logRatio[i];
        }
        for (int i = 0; i < logRatio.length; i++) {
            logRatio[i] /= total;
        }
        return logRatio;
    }

    /** {@code λ} as {@code [runs][K−1]}: one row per run, or one row shared by all runs. */
    private double[][] lambdaPerRun(PreferenceBatch batch, int runs) {
        int constrained = objectives.constrainedCount();
        double[] flat = constrained == 0 ? new double[0]
                : multipliers.multipliers(batch.outcomes().getManager()).toType(DataType.FLOAT64, false).toDoubleArray();
        int rows = constrained == 0 ? 1 : flat.length / constrained;
        if (flat.length != rows * constrained || (rows != 1 && rows != runs)) {
            throw new IllegalArgumentException("multipliers must have shape [" + constrained + "] or [" + runs + ", "
                    + constrained + "] (one per constrained objective of " + objectives + ", per run), got "
                    + flat.length + " values");
        }
        double[][] lambda = new double[runs][constrained];
        for (int r = 0; r < runs; r++) {
            System.arraycopy(flat, (rows == 1 ? 0 : r) * constrained, lambda[r], 0, constrained);
        }
        return lambda;
    }
}
