package dev.mopo.core.tilt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import dev.mopo.core.batch.PreferenceBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Eq. 3's weights against values worked out by hand. */
class TiltedWeightsTest {

    private static final double TAU = 0.25;

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Rows of pairs: prompt, log importance of y_a and y_b, then K values of y_a and K of y_b. */
    private static ResponseSample sample(double[]... rows) {
        return ResponseSample.fromRows(List.of(rows), (rows[0].length - 3) / 2);
    }

    @Test
    void aPairAloneWeighsItsResponsesBySigmoidOfTheScoreGap() {
        // pair 1: y_a wins objective 1, loses objective 2; pair 2: a tie on objective 1
        ResponseSample sample = sample(
                new double[] {-1, 0, 0, 1, 0, 0, 1},
                new double[] {-1, 0, 0, 0.5, 1, 0.5, 0});
        double lambda = 1.5;
        TiltedWeights weights = TiltedWeights.of(sample, new double[] {lambda}, TAU);
        double w1 = sigmoid(((1 + 0) - (0 + lambda)) / TAU);
        double w2 = sigmoid(((0.5 + lambda) - (0.5 + 0)) / TAU);
        double[] joint = weights.joint();
        assertEquals(w1 / 2, joint[0], 1e-15);
        assertEquals(w2 / 2, joint[1], 1e-15);
        assertEquals((1 - w1) / 2, joint[2], 1e-15);
        assertEquals((1 - w2) / 2, joint[3], 1e-15);
        // ρ = 2w within a pair; G_k = mean over pairs of w_a p̄_k(y_a) + w_b p̄_k(y_b)
        assertEquals(2 * w1, weights.ratio(0), 1e-13);
        assertEquals(((w1 * 1 + (1 - w1) * 0) + (w2 * 0.5 + (1 - w2) * 0.5)) / 2, weights.constraint(0), 1e-15);
        assertEquals(((w1 * 0 + (1 - w1) * 1) + (w2 * 1 + (1 - w2) * 0)) / 2, weights.constraint(1), 1e-15);
        assertEquals(1 / (joint[0] * joint[0] + joint[1] * joint[1] + joint[2] * joint[2] + joint[3] * joint[3]),
                weights.effectiveSampleSize(), 1e-12);
        assertEquals(4, sample.importanceEffectiveSampleSize(), 1e-12);
    }

    @Test
    void aPromptWithSeveralPairsTakesASoftmaxOverAllItsResponses() {
        // two pairs of prompt 7 and one pair alone: the prompt has 4 responses and 2/3 of the pairs
        ResponseSample sample = sample(
                new double[] {7, 0, 0, 0.9, 0.2},
                new double[] {-1, 0, 0, 0.4, 0.6},
                new double[] {7, 0, 0, 0.1, 0.5});
        TiltedWeights weights = TiltedWeights.of(sample, new double[0], TAU);
        double[] prompt = {Math.exp(0.9 / TAU), Math.exp(0.1 / TAU), Math.exp(0.2 / TAU), Math.exp(0.5 / TAU)};
        double total = prompt[0] + prompt[1] + prompt[2] + prompt[3];
        double[] joint = weights.joint();
        // responses: a of pairs 0, 1, 2, then b of pairs 0, 1, 2
        assertEquals(2.0 / 3 * prompt[0] / total, joint[0], 1e-15);
        assertEquals(2.0 / 3 * prompt[1] / total, joint[2], 1e-15);
        assertEquals(2.0 / 3 * prompt[2] / total, joint[3], 1e-15);
        assertEquals(2.0 / 3 * prompt[3] / total, joint[5], 1e-15);
        assertEquals(1.0 / 3 * sigmoid((0.4 - 0.6) / TAU), joint[1], 1e-15);
        assertEquals(4 * prompt[0] / total, weights.ratio(0), 1e-12);
    }

    @Test
    void importanceRatiosReweighTheReferenceAndSelfNormalisePerPrompt() {
        // one prompt, three pairs; log π_ref/μ given per response
        double[] logImportance = {0.3, -1.2, 0.8, 0.0, -0.4, 2.1};
        double[] value = {0.9, 0.3, 0.6, 0.1, 0.7, 0.2};
        ResponseSample sample = sample(
                new double[] {0, logImportance[0], logImportance[3], value[0], value[3]},
                new double[] {0, logImportance[1], logImportance[4], value[1], value[4]},
                new double[] {0, logImportance[2], logImportance[5], value[2], value[5]});
        TiltedWeights weights = TiltedWeights.of(sample, new double[0], TAU);
        double base = 0;
        double tilted = 0;
        for (int i = 0; i < 6; i++) {
            base += Math.exp(logImportance[i]);
            tilted += Math.exp(logImportance[i] + value[i] / TAU);
        }
        double[] reference = sample.referenceWeights();
        double[] joint = weights.joint();
        double squares = 0;
        for (int i = 0; i < 6; i++) {
            assertEquals(Math.exp(logImportance[i]) / base, reference[i], 1e-15);
            assertEquals(Math.exp(logImportance[i] + value[i] / TAU) / tilted, joint[i], 1e-15);
            assertEquals(joint[i] / reference[i], weights.ratio(i), 1e-12);
            squares += reference[i] * reference[i];
        }
        assertEquals(1 / squares, sample.importanceEffectiveSampleSize(), 1e-12);
    }

    @Test
    void theJacobianIsTheDerivativeOfTheConstraintValues() {
        java.util.Random random = new java.util.Random(3);
        double[][] rows = new double[9][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i % 3 == 0 ? -1 : i % 2, random.nextGaussian(), random.nextGaussian(),
                random.nextDouble(), random.nextDouble(), random.nextDouble(),
                random.nextDouble(), random.nextDouble(), random.nextDouble()};
        }
        ResponseSample sample = sample(rows);
        double[] lambda = {0.8, 2.3};
        double[][] jacobian = TiltedWeights.of(sample, lambda, TAU).jacobian();
        double h = 1e-6;
        for (int j = 0; j < 2; j++) {
            double[] plus = lambda.clone();
            double[] minus = lambda.clone();
            plus[j] += h;
            minus[j] -= h;
            for (int k = 0; k < 2; k++) {
                double numeric = (TiltedWeights.of(sample, plus, TAU).constraint(k + 1)
                        - TiltedWeights.of(sample, minus, TAU).constraint(k + 1)) / (2 * h);
                assertEquals(numeric, jacobian[k][j], 1e-7, "dG_" + (k + 2) + "/dlambda_" + (j + 2));
            }
        }
    }

    @Test
    void theWorstCaseGradientIsTheDerivativeOfTheRobustBound() {
        java.util.Random random = new java.util.Random(4);
        double[][] rows = new double[12][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i % 4 == 0 ? -1 : 0, 0.3 * random.nextGaussian(), 0.3 * random.nextGaussian(),
                random.nextDouble(), random.nextDouble(), random.nextDouble(),
                random.nextDouble(), random.nextDouble(), random.nextDouble()};
        }
        ResponseSample sample = sample(rows);
        double epsilon = 0.05;
        double[] lambda = {0.6, 1.4};
        TiltedWeights weights = TiltedWeights.of(sample, lambda, TAU);
        double[] q = sample.referenceWeights();
        double h = 1e-5;
        for (int k = 1; k <= 2; k++) {
            double[] f = weights.ratioTimesValue(k);
            double chi = RobustBound.maximise(q, f, 1, epsilon);
            double[] worst = RobustBound.worstCase(q, f, chi);
            for (int i = 0; i < worst.length; i++) {
                worst[i] *= weights.ratio(i);
            }
            double[] gradient = weights.gradient(k, worst);
            for (int j = 0; j < 2; j++) {
                double[] plus = lambda.clone();
                double[] minus = lambda.clone();
                plus[j] += h;
                minus[j] -= h;
                double numeric = (robust(sample, plus, k, epsilon) - robust(sample, minus, k, epsilon)) / (2 * h);
                assertEquals(numeric, gradient[j], 1e-6, "dGhat_" + (k + 1) + "/dlambda_" + (j + 2));
            }
        }
    }

    private static double robust(ResponseSample sample, double[] lambda, int k, double epsilon) {
        TiltedWeights weights = TiltedWeights.of(sample, lambda, TAU);
        double[] f = weights.ratioTimesValue(k);
        double[] q = sample.referenceWeights();
        return RobustBound.value(q, f, RobustBound.maximise(q, f, 1, epsilon), epsilon);
    }

    @Test
    void wrongMultiplierCountIsRefused() {
        ResponseSample sample = sample(new double[] {-1, 0, 0, 1, 0, 0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TiltedWeights.of(sample, new double[] {1, 2}, TAU));
        assertEquals(true, e.getMessage().contains("lambda"), e.getMessage());
    }

    @Test
    void aBatchBecomesRowsWithItsPromptsAndImportanceRatios() {
        try (NDManager manager = NDManager.newBaseManager()) {
            PreferenceBatch batch = PreferenceBatch.builder()
                    .policy(manager.create(new double[] {-3, -4}), manager.create(new double[] {-5, -6}))
                    .reference(manager.create(new double[] {-2, -3}), manager.create(new double[] {-4, -5}))
                    .behaviour(manager.create(new double[] {-2.5, -3}), manager.create(new double[] {-4, -4}))
                    .prompts(new long[] {5, 5})
                    .outcomes(manager.create(new double[][] {{1, -1}, {0, 1}}))
                    .build();
            ResponseSample sample = ResponseSample.of(batch, 0);
            assertEquals(1, sample.groups());
            assertEquals(0.5, sample.logImportance(0), 1e-12);
            assertEquals(-1, sample.logImportance(3), 1e-12);
            assertEquals(1, sample.value(0, 0), 0);
            assertEquals(0, sample.value(2, 0), 0);
            assertEquals(0.5, sample.value(1, 0), 0);
            assertEquals(0.5, sample.value(3, 0), 0);
        }
    }
}
