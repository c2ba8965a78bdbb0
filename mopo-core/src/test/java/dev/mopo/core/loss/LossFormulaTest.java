package dev.mopo.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import dev.mopo.core.Pairs;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every loss against its formula (spec §4, §6) written out in plain Java. */
class LossFormulaTest {

    private static final double TAU = 0.3;
    private static final ObjectiveSet THREE = ObjectiveSet.of("helpful", "harmless", "honest");

    private NDManager manager;
    private final Pairs pairs = Pairs.random(24, 3, 7);

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private double loss(PreferenceLoss loss) {
        return loss.compute(pairs.batch(manager)).loss().getDouble();
    }

    private static double logSigmoid(double x) {
        return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
    }

    @Test
    void mopoIsTheRegressionOnTheLagrangianTarget() {
        double[] lambda = {0.7, 2.5};
        double expected = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double[] o = pairs.outcomes[i];
            double target = (o[0] / 2 + lambda[0] * o[1] / 2 + lambda[1] * o[2] / 2) / TAU;
            expected += Math.pow(pairs.margin(i, false) - target, 2);
        }
        expected /= pairs.size();
        MopoLoss mopo = new MopoLoss(THREE, TAU, LogProbReduction.SUM, MultiplierSource.fixed(lambda));
        assertEquals(expected, loss(mopo), 1e-10);
    }

    @Test
    void mopoWithZeroMultipliersIsIpoOnChosenFirstPairs() {
        ObjectiveSet one = ObjectiveSet.of("helpful", "harmless");
        double[][] chosenFirst = new double[pairs.size()][];
        for (int i = 0; i < pairs.size(); i++) {
            chosenFirst[i] = new double[] {1, pairs.outcomes[i][1]};
        }
        Pairs ordered = new Pairs(pairs.policyA, pairs.policyB, pairs.referenceA, pairs.referenceB, pairs.tokensA,
                pairs.tokensB, chosenFirst);
        PreferenceBatch batch = ordered.batch(manager);
        double mopo = new MopoLoss(one, TAU, LogProbReduction.MEAN, MultiplierSource.fixed(0))
                .compute(batch).loss().getDouble();
        double ipo = new IpoLoss(one, 0, TAU, LogProbReduction.MEAN).compute(batch).loss().getDouble();
        assertEquals(ipo, mopo, 1e-12);
    }

    @Test
    void ipoOrdersPairsByTheObjectiveAndDropsTies() {
        for (int k = 0; k < 3; k++) {
            double total = 0;
            int labelled = 0;
            for (int i = 0; i < pairs.size(); i++) {
                double o = pairs.outcomes[i][k];
                if (o != 0) {
                    total += Math.pow(o * pairs.margin(i, true) - 1 / (2 * TAU), 2);
                    labelled++;
                }
            }
            assertEquals(total / labelled, loss(new IpoLoss(THREE, k, TAU, LogProbReduction.MEAN)), 1e-10);
        }
    }

    @Test
    void dpoAndCdpoFollowTheSigmoidLoss() {
        double epsilon = 0.15;
        double dpo = 0;
        double cdpo = 0;
        int labelled = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double o = pairs.outcomes[i][1];
            if (o != 0) {
                double logit = TAU * o * pairs.margin(i, false);
                dpo -= logSigmoid(logit);
                cdpo -= (1 - epsilon) * logSigmoid(logit) + epsilon * logSigmoid(-logit);
                labelled++;
            }
        }
        assertEquals(dpo / labelled, loss(new DpoLoss(THREE, 1, TAU, LogProbReduction.SUM)), 1e-10);
        assertEquals(cdpo / labelled, loss(new DpoLoss(THREE, 1, TAU, LogProbReduction.SUM, epsilon)), 1e-10);
    }

    @Test
    void scalarisationWeighsPerObjectiveLosses() {
        double[] w = {0.5, 0.3, 0.2};
        double expectedDpo = 0;
        double expectedIpo = 0;
        for (int k = 0; k < 3; k++) {
            expectedDpo += w[k] * loss(new DpoLoss(THREE, k, TAU, LogProbReduction.SUM));
            expectedIpo += w[k] * loss(new IpoLoss(THREE, k, TAU, LogProbReduction.SUM));
        }
        double[][] weights = {w};
        assertEquals(expectedDpo, loss(new ScalarisedLoss(THREE, ScalarisedLoss.Family.DPO, TAU,
                LogProbReduction.SUM, weights)), 1e-10);
        assertEquals(expectedIpo, loss(new ScalarisedLoss(THREE, ScalarisedLoss.Family.IPO, TAU,
                LogProbReduction.SUM, weights)), 1e-10);
    }

    @Test
    void modpoSubtractsWeightedRewardMargins() {
        double[] w = {0.6, 0.3, 0.1};
        double[][] rewardMargins = new double[pairs.size()][3];
        java.util.Random random = new java.util.Random(3);
        for (double[] row : rewardMargins) {
            for (int k = 0; k < 3; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double expected = 0;
        int labelled = 0;
        for (int i = 0; i < pairs.size(); i++) {
            double o = pairs.outcomes[i][0];
            if (o != 0) {
                double others = w[1] * rewardMargins[i][1] + w[2] * rewardMargins[i][2];
                expected -= logSigmoid(o * (TAU * pairs.margin(i, false) - others) / w[0]);
                labelled++;
            }
        }
        PreferenceBatch batch = PreferenceBatch.builder()
                .policy(manager.create(pairs.policyA), manager.create(pairs.policyB))
                .reference(manager.create(pairs.referenceA), manager.create(pairs.referenceB))
                .outcomes(manager.create(pairs.outcomes))
                .rewardMargins(manager.create(rewardMargins))
                .build();
        double actual = new ModpoLoss(THREE, TAU, LogProbReduction.SUM, new double[][] {w}).compute(batch).loss()
                .getDouble();
        assertEquals(expected / labelled, actual, 1e-10);
    }

    @Test
    void runsAlongLeadingAxesEachGetTheirOwnLoss() {
        double[][] lambdas = {{0, 0}, {1, 0.5}, {3, 2}};
        double summed = 0;
        for (double[] lambda : lambdas) {
            summed += loss(new MopoLoss(THREE, TAU, LogProbReduction.SUM, MultiplierSource.fixed(lambda)));
        }
        double[][] policyA = {pairs.policyA, pairs.policyA, pairs.policyA};
        double[][] policyB = {pairs.policyB, pairs.policyB, pairs.policyB};
        PreferenceBatch runs = pairs.batch(manager, manager.create(policyA), manager.create(policyB));
        MopoLoss stacked = new MopoLoss(THREE, TAU, LogProbReduction.SUM, m -> m.create(lambdas));
        assertEquals(summed, stacked.compute(runs).loss().getDouble(), 1e-9);
    }

    @Test
    void accuracyCountsAgreementOnLabelledPairs() {
        LossOutput output = new IpoLoss(THREE, 0, TAU, LogProbReduction.SUM).compute(pairs.batch(manager));
        for (int k = 0; k < 3; k++) {
            int agree = 0;
            int labelled = 0;
            for (int i = 0; i < pairs.size(); i++) {
                double o = pairs.outcomes[i][k];
                if (o != 0) {
                    labelled++;
                    agree += Math.signum(pairs.margin(i, false)) == o ? 1 : 0;
                }
            }
            assertEquals((double) agree / labelled, output.metricValues().get("accuracy/" + THREE.name(k)), 1e-12);
        }
    }
}
