package dev.mopo.core.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.mopo.core.objective.ObjectiveSet;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * B preference pairs {@code (x, y_a, y_b, o_1 … o_K)} reduced to what the losses and estimators
 * need: the summed log-probs of both responses under the policy and the reference, the number of
 * response tokens of each, and the K outcomes (spec §1).
 *
 * <p>Log-prob arrays have shape {@code [..., B]}. Leading dimensions, when present, index
 * independent policies trained on the same pairs (a sweep run as one tensor program); the
 * reference log-probs broadcast against the policy's. Outcomes have shape {@code [B, K]} with
 * values in {@code {+1, -1, 0}}.
 *
 * <p>What the published algorithm (spec §10) may also use, all optional: the behaviour policy's
 * log-probs {@code log μ(y|x)} when the reference has moved away from the data's policy, prompt
 * ids saying which pairs share a prompt, response ids saying which responses are the same, and
 * per-response preference values {@code p̄_k(x, y)} estimated elsewhere (for example pooled over
 * a whole corpus).
 *
 * <p>Every array is checked when the batch is built: a wrong shape, a non-finite log-prob or an
 * outcome outside {@code {+1, -1, 0}} is an {@link IllegalArgumentException} naming the field,
 * the position and the value.
 */
public final class PreferenceBatch {

    private final NDArray policyA;
    private final NDArray policyB;
    private final NDArray referenceA;
    private final NDArray referenceB;
    private final NDArray tokensA;
    private final NDArray tokensB;
    private final NDArray outcomes;
    private final NDArray rewardMargins;
    private final NDArray behaviourA;
    private final NDArray behaviourB;
    private final long[] prompts;
    private final long[] responsesA;
    private final long[] responsesB;
    private final NDArray valuesA;
    private final NDArray valuesB;
    private final PromptNormalisers normalisers;
    private double[][] outcomeRows;
    private double[][][] valueRows;

    private PreferenceBatch(Builder builder) {
        this.policyA = builder.policyA;
        this.policyB = builder.policyB;
        this.referenceA = builder.referenceA;
        this.referenceB = builder.referenceB;
        this.tokensA = builder.tokensA;
        this.tokensB = builder.tokensB;
        this.outcomes = builder.outcomes;
        this.rewardMargins = builder.rewardMargins;
        this.behaviourA = builder.behaviourA;
        this.behaviourB = builder.behaviourB;
        this.prompts = builder.prompts;
        this.responsesA = builder.responsesA;
        this.responsesB = builder.responsesB;
        this.valuesA = builder.valuesA;
        this.valuesB = builder.valuesB;
        this.normalisers = builder.normalisers;
    }

    /** A builder; policy log-probs, reference log-probs and outcomes are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** B, the number of pairs. */
    public int size() {
        return (int) outcomes.getShape().get(0);
    }

    /** K, the number of outcomes per pair. */
    public int numObjectives() {
        return (int) outcomes.getShape().get(1);
    }

    /** Fails unless this batch carries one outcome per objective of {@code objectives}. */
    public void requireObjectives(ObjectiveSet objectives) {
        if (numObjectives() != objectives.size()) {
            throw new IllegalArgumentException("batch.outcomes has " + numObjectives()
                    + " outcomes per pair but there are " + objectives.size() + " objectives " + objectives);
        }
    }

    /** {@code g(y_a) = log π_θ(y_a|x) − log π_ref(y_a|x)} under a reduction, shape {@code [..., B]}. */
    public NDArray logRatioA(LogProbReduction reduction) {
        return reduce(policyA.sub(referenceA), tokensA, reduction);
    }

    /** {@code g(y_b)} under a reduction, shape {@code [..., B]}. */
    public NDArray logRatioB(LogProbReduction reduction) {
        return reduce(policyB.sub(referenceB), tokensB, reduction);
    }

    /**
     * {@code log π_θ(y_a|x)} under a reduction (the sum, or the mean over response tokens), shape
     * {@code [..., B]}: what behaviour cloning (spec §10, Eq. 7) maximises.
     */
    public NDArray logProbA(LogProbReduction reduction) {
        return reduce(policyA, tokensA, reduction);
    }

    /** {@code log π_θ(y_b|x)} under a reduction, shape {@code [..., B]}. */
    public NDArray logProbB(LogProbReduction reduction) {
        return reduce(policyB, tokensB, reduction);
    }

    /** The pair margin {@code h = g(y_a) − g(y_b)}, shape {@code [..., B]}. */
    public NDArray margin(LogProbReduction reduction) {
        return logRatioA(reduction).sub(logRatioB(reduction));
    }

    /** Outcomes {@code o_k ∈ {+1, −1, 0}}, shape {@code [B, K]}. */
    public NDArray outcomes() {
        return outcomes;
    }

    /** Column {@code k} of the outcomes, shape {@code [B]}. */
    public NDArray outcome(int k) {
        return outcomes.get(":, " + k);
    }

    /** {@code I_k = (1 + o_k) / 2 ∈ {1, 0, ½}}, shape {@code [B, K]}. */
    public NDArray indicators() {
        return outcomes.add(1).div(2);
    }

    /** The outcomes copied to Java once, {@code [B][K]} (do not modify). */
    public double[][] outcomeRows() {
        if (outcomeRows == null) {
            outcomeRows = rows(outcomes);
        }
        return outcomeRows;
    }

    /**
     * {@code log π_ref(y_a|x) − log μ(y_a|x)} and the same for {@code y_b}, summed log-probs, shape
     * {@code [..., B]} each: the log importance ratios of a reference that moved away from the
     * data's policy {@code μ} (spec §10). Empty when the batch carries no behaviour log-probs, which
     * means {@code μ = π_ref}.
     */
    public Optional<NDArray[]> logImportance() {
        if (behaviourA == null) {
            return Optional.empty();
        }
        return Optional.of(new NDArray[] {referenceA.sub(behaviourA), referenceB.sub(behaviourB)});
    }

    /** The prompt id of each pair, length B (pairs with equal ids share a prompt), if given. */
    public Optional<long[]> promptIds() {
        return Optional.ofNullable(prompts);
    }

    /**
     * The response ids of {@code y_a} and {@code y_b}, length B each (equal ids are the same
     * response to the same prompt), if given.
     */
    public Optional<long[][]> responseIds() {
        return responsesA == null ? Optional.empty() : Optional.of(new long[][] {responsesA, responsesB});
    }

    /**
     * Per-response preference values {@code p̄_k(x, y_a)} and {@code p̄_k(x, y_b)} in {@code [0, 1]},
     * {@code [2][B][K]}, copied to Java once (do not modify), if given.
     */
    public Optional<double[][][]> preferenceValues() {
        if (valuesA != null && valueRows == null) {
            valueRows = new double[][][] {rows(valuesA), rows(valuesB)};
        }
        return Optional.ofNullable(valueRows);
    }

    /**
     * The normalisers of Eq. 3 over the corpus the batch's prompts come from, if given; they go
     * with the batch's {@link #preferenceValues() preference values} and {@link #promptIds() prompt ids}.
     */
    public Optional<PromptNormalisers> promptNormalisers() {
        return Optional.ofNullable(normalisers);
    }

    /**
     * Point-wise reward margins {@code r_k(y_a) − r_k(y_b)}, shape {@code [B, K]}, when a reward
     * model (or a fit) supplied them; MODPO needs them for the non-primary objectives.
     */
    public Optional<NDArray> rewardMargins() {
        return Optional.ofNullable(rewardMargins);
    }

    /** Builds and validates a {@link PreferenceBatch}. */
    public static final class Builder {
        private NDArray policyA;
        private NDArray policyB;
        private NDArray referenceA;
        private NDArray referenceB;
        private NDArray tokensA;
        private NDArray tokensB;
        private NDArray outcomes;
        private NDArray rewardMargins;
        private NDArray behaviourA;
        private NDArray behaviourB;
        private long[] prompts;
        private long[] responsesA;
        private long[] responsesB;
        private NDArray valuesA;
        private NDArray valuesB;
        private PromptNormalisers normalisers;

        private Builder() {}

        /** Summed policy log-probs of {@code y_a} and {@code y_b}, shape {@code [..., B]}. */
        public Builder policy(NDArray logProbA, NDArray logProbB) {
            this.policyA = logProbA;
            this.policyB = logProbB;
            return this;
        }

        /** Summed reference log-probs of {@code y_a} and {@code y_b}, broadcastable to the policy's. */
        public Builder reference(NDArray logProbA, NDArray logProbB) {
            this.referenceA = logProbA;
            this.referenceB = logProbB;
            return this;
        }

        /** Response token counts, shape {@code [B]}; needed only for {@link LogProbReduction#MEAN}. */
        public Builder tokens(NDArray countA, NDArray countB) {
            this.tokensA = countA;
            this.tokensB = countB;
            return this;
        }

        /** Outcomes, shape {@code [B, K]}, values in {@code {+1, -1, 0}}. */
        public Builder outcomes(NDArray outcomes) {
            this.outcomes = outcomes;
            return this;
        }

        /** Reward margins {@code r_k(y_a) − r_k(y_b)}, shape {@code [B, K]} (optional). */
        public Builder rewardMargins(NDArray rewardMargins) {
            this.rewardMargins = rewardMargins;
            return this;
        }

        /**
         * Summed log-probs of {@code y_a} and {@code y_b} under the policy that produced the data,
         * {@code μ}, broadcastable to the reference's (optional; spec §10): give them when the
         * reference is not {@code μ} (a lagged reference), so that expectations over {@code π_ref}
         * are importance-weighted by {@code π_ref/μ}.
         */
        public Builder behaviour(NDArray logProbA, NDArray logProbB) {
            this.behaviourA = logProbA;
            this.behaviourB = logProbB;
            return this;
        }

        /** One non-negative prompt id per pair, length B; pairs with equal ids share a prompt (optional). */
        public Builder prompts(long[] ids) {
            this.prompts = ids == null ? null : ids.clone();
            return this;
        }

        /**
         * Non-negative ids of {@code y_a} and {@code y_b}, length B each; equal ids mark the same
         * response to the same prompt, whose results are then pooled (optional; spec §10).
         */
        public Builder responses(long[] idsA, long[] idsB) {
            this.responsesA = idsA == null ? null : idsA.clone();
            this.responsesB = idsB == null ? null : idsB.clone();
            return this;
        }

        /**
         * Per-response preference values {@code p̄_k(x, y_a)}, {@code p̄_k(x, y_b)} in {@code [0, 1]},
         * shape {@code [B, K]} each (optional): estimates made outside the batch, for example
         * each response's results averaged over a whole corpus (spec §10).
         */
        public Builder preferenceValues(NDArray valuesA, NDArray valuesB) {
            this.valuesA = valuesA;
            this.valuesB = valuesB;
            return this;
        }

        /**
         * Eq. 3's per-prompt normalisers over the corpus the batch comes from (optional; spec §10):
         * they must be computed from the same preference values the batch gives
         * ({@link #preferenceValues}) and need {@link #prompts prompt ids}.
         */
        public Builder promptNormalisers(PromptNormalisers normalisers) {
            this.normalisers = normalisers;
            return this;
        }

        /** Validates every array and builds the batch. */
        public PreferenceBatch build() {
            Objects.requireNonNull(outcomes, "batch.outcomes is required");
            Objects.requireNonNull(policyA, "batch.policy log-probs are required");
            Objects.requireNonNull(policyB, "batch.policy log-probs are required");
            Objects.requireNonNull(referenceA, "batch.reference log-probs are required");
            Objects.requireNonNull(referenceB, "batch.reference log-probs are required");
            Shape outcomeShape = outcomes.getShape();
            if (outcomeShape.dimension() != 2 || outcomeShape.get(1) < 1) {
                throw new IllegalArgumentException("batch.outcomes must have shape [B, K], got " + outcomeShape);
            }
            long pairs = outcomeShape.get(0);
            DataType type = policyA.getDataType();
            BatchChecks.checkLogProbs("batch.policyA", policyA, pairs);
            BatchChecks.checkLogProbs("batch.policyB", policyB, pairs);
            BatchChecks.checkLogProbs("batch.referenceA", referenceA, pairs);
            BatchChecks.checkLogProbs("batch.referenceB", referenceB, pairs);
            outcomes = outcomes.toType(type, false);
            BatchChecks.checkOutcomes(outcomes);
            if (tokensA != null || tokensB != null) {
                tokensA = BatchChecks.checkTokens("batch.tokensA", tokensA, pairs).toType(type, false);
                tokensB = BatchChecks.checkTokens("batch.tokensB", tokensB, pairs).toType(type, false);
            }
            if (rewardMargins != null) {
                if (!rewardMargins.getShape().equals(outcomeShape)) {
                    throw new IllegalArgumentException("batch.rewardMargins must have the outcomes' shape "
                            + outcomeShape + ", got " + rewardMargins.getShape());
                }
                rewardMargins = rewardMargins.toType(type, false);
                BatchChecks.checkFinite("batch.rewardMargins", rewardMargins);
            }
            if (behaviourA != null || behaviourB != null) {
                if (behaviourA == null || behaviourB == null) {
                    throw new IllegalArgumentException("batch.behaviour: give log-probs for both responses or neither");
                }
                BatchChecks.checkLogProbs("batch.behaviourA", behaviourA, pairs);
                BatchChecks.checkLogProbs("batch.behaviourB", behaviourB, pairs);
            }
            BatchChecks.checkIds("batch.prompts", prompts, pairs);
            if (responsesA != null || responsesB != null) {
                if (responsesA == null || responsesB == null) {
                    throw new IllegalArgumentException("batch.responses: give ids for both responses or neither");
                }
                BatchChecks.checkIds("batch.responsesA", responsesA, pairs);
                BatchChecks.checkIds("batch.responsesB", responsesB, pairs);
            }
            if (valuesA != null || valuesB != null) {
                if (valuesA == null || valuesB == null) {
                    throw new IllegalArgumentException("batch.preferenceValues: give values for both responses or neither");
                }
                valuesA = BatchChecks.checkValues("batch.preferenceValuesA", valuesA, outcomeShape);
                valuesB = BatchChecks.checkValues("batch.preferenceValuesB", valuesB, outcomeShape);
            }
            if (normalisers != null && (prompts == null || valuesA == null)) {
                throw new IllegalArgumentException("batch.promptNormalisers: give the prompt ids and the preference values"
                        + " they were computed from");
            }
            return new PreferenceBatch(this);
        }
    }

    private static double[][] rows(NDArray matrix) {
        int columns = (int) matrix.getShape().get(1);
        double[] flat = matrix.toType(DataType.FLOAT64, false).toDoubleArray();
        double[][] rows = new double[flat.length / columns][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return rows;
    }

    private static NDArray reduce(NDArray logRatio, NDArray tokens, LogProbReduction reduction) {
        if (reduction == LogProbReduction.SUM) {
            return logRatio;
        }
        if (tokens == null) {
            throw new IllegalStateException("the MEAN log-prob reduction needs response token counts in the batch");
        }
        return logRatio.div(tokens);
    }
}
