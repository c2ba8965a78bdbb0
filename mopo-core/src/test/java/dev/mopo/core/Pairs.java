package dev.mopo.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.mopo.core.batch.PreferenceBatch;

/**
 * Test data: pairs as plain Java arrays, turned into float64 batches, plus the per-pair margin
 * {@code h} computed in Java for comparisons with closed forms.
 */
public final class Pairs {

    public final double[] policyA;
    public final double[] policyB;
    public final double[] referenceA;
    public final double[] referenceB;
    public final double[] tokensA;
    public final double[] tokensB;
    public final double[][] outcomes;

    public Pairs(double[] policyA, double[] policyB, double[] referenceA, double[] referenceB, double[] tokensA,
            double[] tokensB, double[][] outcomes) {
        this.policyA = policyA;
        this.policyB = policyB;
        this.referenceA = referenceA;
        this.referenceB = referenceB;
        this.tokensA = tokensA;
        this.tokensB = tokensB;
        this.outcomes = outcomes;
    }

    /** {@code count} random pairs with K objectives, outcomes in {+1, −1, 0}, seeded. */
    public static Pairs random(int count, int objectives, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[][] values = new double[4][count];
        double[][] tokens = new double[2][count];
        double[][] outcomes = new double[count][objectives];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 4; j++) {
                values[j][i] = -5 - 30 * random.nextDouble();
            }
            tokens[0][i] = 1 + random.nextInt(20);
            tokens[1][i] = 1 + random.nextInt(20);
            for (int k = 0; k < objectives; k++) {
                outcomes[i][k] = random.nextInt(3) - 1;
            }
        }
        return new Pairs(values[0], values[1], values[2], values[3], tokens[0], tokens[1], outcomes);
    }

    public int size() {
        return policyA.length;
    }

    /** The batch, with float64 policy log-probs that record gradients. */
    public PreferenceBatch batch(NDManager manager) {
        return batch(manager, manager.create(policyA), manager.create(policyB));
    }

    /** The batch with the given policy log-prob arrays. */
    public PreferenceBatch batch(NDManager manager, NDArray logProbA, NDArray logProbB) {
        return PreferenceBatch.builder()
                .policy(logProbA, logProbB)
                .reference(manager.create(referenceA), manager.create(referenceB))
                .tokens(manager.create(tokensA), manager.create(tokensB))
                .outcomes(manager.create(outcomes))
                .build();
    }

    /** {@code h_i} under the sum ({@code mean = false}) or mean reduction. */
    public double margin(int i, boolean mean) {
        double a = policyA[i] - referenceA[i];
        double b = policyB[i] - referenceB[i];
        return mean ? a / tokensA[i] - b / tokensB[i] : a - b;
    }
}
