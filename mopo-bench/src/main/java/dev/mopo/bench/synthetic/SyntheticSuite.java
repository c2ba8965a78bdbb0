package dev.mopo.bench.synthetic;

import ai.djl.ndarray.NDArray;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.dual.DataDual;
import dev.mopo.core.dual.DualAscent;
import dev.mopo.core.dual.DualUpdate;
import dev.mopo.core.dual.EstimatorAscent;
import dev.mopo.core.dual.MultiplierStep;
import dev.mopo.core.dual.OracleEstimator;
import dev.mopo.core.dual.PairwiseEstimator;
import dev.mopo.core.dual.SnisEstimator;
import dev.mopo.core.dual.WinRateEstimator;
import dev.mopo.core.loss.BehaviourCloningLoss;
import dev.mopo.core.loss.ModpoLoss;
import dev.mopo.core.loss.MopoLoss;
import dev.mopo.core.loss.MultiplierSource;
import dev.mopo.core.loss.PreferenceLoss;
import dev.mopo.core.loss.ScalarisedLoss;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.pareto.Hypervolume;
import dev.mopo.core.tabular.ExactSolver;
import dev.mopo.core.tabular.TabularProblem;
import dev.mopo.core.tabular.TabularSolution;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * The synthetic Pareto benchmark for one structure (spec §8–9): builds the tabular problem, solves
 * it exactly over a threshold grid, samples noisy pairs, trains every MOPO variant over the
 * thresholds and every baseline over its weights (all as one tensor program on shared
 * minibatches), and measures each against the exact front.
 */
public final class SyntheticSuite {

    private static final double[] FIXED_MULTIPLIERS_2D = {0, 0.5, 1, 2, 4, 8, 16};
    private static final double[] FIXED_MULTIPLIERS_3D = {0, 1, 4};
    private static final int DENSE_FRONT_POINTS = 60;

    private final SyntheticConfig config;
    private final List<Estimators> estimators;
    private final List<Variant> variants;
    private final boolean baselines;

    /**
     * A suite with {@code config}, running a threshold sweep for each data-dual variant of
     * {@code variants}, one of the regression driven by each of {@code estimators} and, when
     * {@code baselines} is set, every baseline's sweep.
     */
    public SyntheticSuite(SyntheticConfig config, List<Estimators> estimators, List<Variant> variants,
            boolean baselines) {
        if (estimators.isEmpty() && variants.isEmpty()) {
            throw new IllegalArgumentException("at least one MOPO variant or estimator is needed");
        }
        this.config = config;
        this.estimators = List.copyOf(estimators);
        this.variants = List.copyOf(variants);
        this.baselines = baselines;
    }

    /** The problem the suite builds for {@code structure}: same seed, same problem. */
    public TabularProblem problem(Structure structure) {
        return problem(structure, random(structure));
    }

    private Random random(Structure structure) {
        return new Random(config.seed() * 31 + structure.ordinal());
    }

    private TabularProblem problem(Structure structure, Random random) {
        int n = config.responses();
        double[] reference = new double[n];
        double total = 0;
        for (int y = 0; y < n; y++) {
            reference[y] = config.dirichletReference() ? -Math.log(1 - random.nextDouble()) : 1;
            total += reference[y];
        }
        for (int y = 0; y < n; y++) {
            reference[y] /= total;
        }
        return new TabularProblem(reference, reference, structure.preferences(n, random), config.tau());
    }

    /** The number of optimiser steps {@link #run} takes, for progress reporting. */
    public int steps() {
        return config.steps();
    }

    /** Runs the benchmark on {@code structure}; {@code onStep} hears every optimiser step. */
    public StructureResult run(Structure structure, LongConsumer onStep) {
        long start = System.nanoTime();
        Random random = random(structure);
        TabularProblem problem = problem(structure, random);
        int k = problem.objectives();
        ObjectiveSet objectives = objectiveSet(k);
        ExactSolver solver = new ExactSolver(problem);
        List<TabularSolution> exact = new ArrayList<>();
        for (double[] thresholds : ThresholdGrid.of(problem)) {
            exact.add(solver.solve(thresholds));
        }
        PairSample data = PairSample.draw(problem, config.pairs(), random);
        double[][] rewardMargins = rewardMargins(data, k);

        Map<String, List<PolicyPoint>> points = new LinkedHashMap<>();
        Map<String, List<ThresholdOutcome>> outcomes = new LinkedHashMap<>();
        try (SweepTrainer trainer = new SweepTrainer(problem, data, rewardMargins, config)) {
            List<RunGroup> groups = new ArrayList<>();
            List<double[]> feasible = new ArrayList<>();
            for (TabularSolution solution : exact) {
                if (solution.feasible()) {
                    feasible.add(solution.thresholds());
                }
            }
            for (Variant variant : variants) {
                groups.add(published(trainer, objectives, variant, feasible));
            }
            for (Estimators estimator : estimators) {
                groups.add(regression(trainer, objectives, estimator, feasible));
            }
            List<double[]> fixed = WeightGrid.multipliers(k - 1, k == 2 ? FIXED_MULTIPLIERS_2D : FIXED_MULTIPLIERS_3D);
            List<double[]> weights = WeightGrid.simplex(k, k == 2 ? 10 : 4);
            List<double[]> modpoWeights = WeightGrid.simplexWithPrimary(k, k == 2 ? 10 : 4);
            if (baselines) {
                groups.addAll(baselines(trainer, objectives, fixed, weights, modpoWeights));
            }

            List<double[][]> policies = trainer.train(groups, onStep);
            for (int g = 0; g < groups.size(); g++) {
                RunGroup group = groups.get(g);
                List<PolicyPoint> groupPoints = evaluate(problem, group, policies.get(g), settings(group, feasible,
                        fixed, weights, modpoWeights));
                points.put(group.method(), groupPoints);
                if (group.hasDual()) {
                    outcomes.put(group.method(), matchThresholds(exact, groupPoints));
                }
            }
        }
        List<MethodSummary> summaries = summarise(exact, points, outcomes);
        List<TabularSolution> dense = new ArrayList<>();
        if (k == 2) {
            for (double b : ThresholdGrid.dense(problem, DENSE_FRONT_POINTS)) {
                TabularSolution solution = solver.solve(b);
                if (solution.feasible()) {
                    dense.add(solution);
                }
            }
        }
        return new StructureResult(structure, exact, dense, points, outcomes, summaries,
                (System.nanoTime() - start) / 1e9);
    }

    private List<RunGroup> baselines(SweepTrainer trainer, ObjectiveSet objectives, List<double[]> fixed,
            List<double[]> weights, List<double[]> modpoWeights) {
        List<RunGroup> groups = new ArrayList<>();
        groups.add(RunGroup.primalOnly("mopo-fixed", trainer.initialPolicies(fixed.size()), labels("lambda", fixed),
                new MopoLoss(objectives, config.tau(), LogProbReduction.SUM,
                        m -> m.create(fixed.toArray(double[][]::new)))));
        for (ScalarisedLoss.Family family : ScalarisedLoss.Family.values()) {
            groups.add(RunGroup.primalOnly(family.name().toLowerCase(Locale.ROOT) + "-ls", trainer.initialPolicies(weights.size()),
                    labels("w", weights), new ScalarisedLoss(objectives, family, config.tau(), LogProbReduction.SUM,
                            weights.toArray(double[][]::new))));
        }
        groups.add(RunGroup.primalOnly("modpo", trainer.initialPolicies(modpoWeights.size()), labels("w", modpoWeights),
                new ModpoLoss(objectives, config.tau(), LogProbReduction.SUM, modpoWeights.toArray(double[][]::new))));
        return groups;
    }

    /** A threshold sweep of the regression (§4) with §5's ascent on {@code kind}'s estimates. */
    private RunGroup regression(SweepTrainer trainer, ObjectiveSet objectives, Estimators kind,
            List<double[]> thresholds) {
        NDArray theta = trainer.initialPolicies(thresholds.size());
        WinRateEstimator estimator;
        switch (kind) {
            case ORACLE:
                estimator = new OracleEstimator(() -> trainer.exactWinRates(theta));
                break;
            case PAIRWISE:
                estimator = new PairwiseEstimator();
                break;
            default:
                estimator = new SnisEstimator();
        }
        WinRateEstimator shared = new OncePerBatch(estimator);
        List<MultiplierStep> duals = new ArrayList<>();
        for (int r = 0; r < thresholds.size(); r++) {
            DualAscent ascent = new DualAscent(objectives, thresholds.get(r), kind == Estimators.ORACLE
                    ? config.dual().withEstimateEma(0) : config.dual(), null);
            duals.add(new EstimatorAscent(ascent, shared, r));
        }
        MopoLoss loss = new MopoLoss(objectives, config.tau(), LogProbReduction.SUM, multipliers(duals));
        return RunGroup.withDual(kind.method(), theta, labels("b", thresholds), loss, duals, RunGroup.Values.OUTCOMES,
                false, null);
    }

    /** A threshold sweep of a data-dual variant (§10). */
    private RunGroup published(SweepTrainer trainer, ObjectiveSet objectives, Variant variant,
            List<double[]> thresholds) {
        DataDualSettings settings = config.dataDual();
        NDArray theta = trainer.initialPolicies(thresholds.size());
        List<MultiplierStep> duals = new ArrayList<>();
        for (int r = 0; r < thresholds.size(); r++) {
            duals.add(new DataDual(objectives, thresholds.get(r), config.tau(),
                    variant.barrier() ? settings.barrier() : settings.lagrangian(), settings.dual(), null, r));
        }
        MultiplierSource multipliers = multipliers(duals);
        PreferenceLoss loss = variant.cloning()
                ? new BehaviourCloningLoss(objectives, config.tau(), LogProbReduction.SUM, multipliers)
                : new MopoLoss(objectives, config.tau(), LogProbReduction.SUM, multipliers);
        LaggedReference reference = settings.dual().ratchet().isNever() ? null : new LaggedReference(theta);
        return RunGroup.withDual(variant.method(), theta, labels("b", thresholds), loss, duals,
                variant.exactValues() ? RunGroup.Values.EXACT : values(settings.values()), settings.promptGroups(),
                reference);
    }

    private static RunGroup.Values values(ValueSource source) {
        switch (source) {
            case BATCH:
                return RunGroup.Values.RESPONSE_IDS;
            case DATA:
                return RunGroup.Values.POOLED;
            default:
                return RunGroup.Values.OUTCOMES;
        }
    }

    /** Every run's current multipliers, shape {@code [R, K−1]}. */
    private static MultiplierSource multipliers(List<MultiplierStep> duals) {
        double[][] lambdas = new double[duals.size()][];
        return manager -> {
            for (int r = 0; r < lambdas.length; r++) {
                lambdas[r] = duals.get(r).lambda();
            }
            return manager.create(lambdas);
        };
    }

    private static List<double[]> settings(RunGroup group, List<double[]> thresholds, List<double[]> fixed,
            List<double[]> weights, List<double[]> modpoWeights) {
        if (group.hasDual()) {
            return thresholds;
        }
        switch (group.method()) {
            case "mopo-fixed":
                return fixed;
            case "modpo":
                return modpoWeights;
            default:
                return weights;
        }
    }

    private static List<PolicyPoint> evaluate(TabularProblem problem, RunGroup group, double[][] policies,
            List<double[]> settings) {
        List<PolicyPoint> result = new ArrayList<>();
        for (int r = 0; r < policies.length; r++) {
            double[] policy = normalised(policies[r]);
            DualUpdate update = group.hasDual() ? group.lastUpdate(r) : null;
            result.add(new PolicyPoint(group.method(), group.labels().get(r), settings.get(r),
                    problem.winRates(policy), problem.kl(policy), update == null ? null : update.lambda(),
                    update == null ? Double.NaN : update.metrics().getOrDefault("ess", Double.NaN),
                    update == null || update.reliable(), update == null ? Double.NaN : group.lambdaSpread(r)));
        }
        return result;
    }

    private static List<ThresholdOutcome> matchThresholds(List<TabularSolution> exact, List<PolicyPoint> learned) {
        List<ThresholdOutcome> outcomes = new ArrayList<>();
        int next = 0;
        for (TabularSolution solution : exact) {
            outcomes.add(new ThresholdOutcome(solution, solution.feasible() ? learned.get(next++) : null));
        }
        return outcomes;
    }

    private List<MethodSummary> summarise(List<TabularSolution> exact, Map<String, List<PolicyPoint>> points,
            Map<String, List<ThresholdOutcome>> outcomes) {
        List<double[]> front = new ArrayList<>();
        List<double[]> rawFront = new ArrayList<>();
        for (TabularSolution solution : exact) {
            if (solution.feasible()) {
                front.add(Objectives.regularised(solution.winRates(), solution.kl(), config.tau()));
                rawFront.add(solution.winRates());
            }
        }
        HypervolumeRatio regularised = new HypervolumeRatio(front);
        HypervolumeRatio raw = new HypervolumeRatio(rawFront);
        List<MethodSummary> summaries = new ArrayList<>();
        for (Map.Entry<String, List<PolicyPoint>> entry : points.entrySet()) {
            List<double[]> achieved = new ArrayList<>();
            List<double[]> rawAchieved = new ArrayList<>();
            for (PolicyPoint p : entry.getValue()) {
                achieved.add(p.regularised(config.tau()));
                rawAchieved.add(p.winRates());
            }
            double ratio = regularised.of(achieved);
            double rawRatio = raw.of(rawAchieved);
            List<ThresholdOutcome> matched = outcomes.get(entry.getKey());
            if (matched == null) {
                summaries.add(new MethodSummary(entry.getKey(), ratio, rawRatio, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN));
                continue;
            }
            double sumViolation = 0;
            double maxViolation = 0;
            double sumGap = 0;
            double maxSpread = 0;
            int count = 0;
            for (ThresholdOutcome outcome : matched) {
                if (outcome.feasible()) {
                    sumViolation += outcome.violation();
                    maxViolation = Math.max(maxViolation, outcome.violation());
                    sumGap += Math.abs(outcome.primalGap());
                    maxSpread = Math.max(maxSpread, outcome.learned().lambdaSpread());
                    count++;
                }
            }
            summaries.add(new MethodSummary(entry.getKey(), ratio, rawRatio, sumViolation / count, maxViolation,
                    sumGap / count, maxSpread));
        }
        return summaries;
    }

    /** Hypervolume relative to an exact front, over the front's component-wise minimum. */
    private static final class HypervolumeRatio {
        private final double[] reference;
        private final double exact;

        HypervolumeRatio(List<double[]> front) {
            reference = front.get(0).clone();
            for (double[] p : front) {
                for (int i = 0; i < p.length; i++) {
                    reference[i] = Math.min(reference[i], p[i]);
                }
            }
            exact = Hypervolume.of(front, reference);
        }

        double of(List<double[]> points) {
            return Hypervolume.of(points, reference) / exact;
        }
    }

    /** Reward margins {@code r_k(y_a) − r_k(y_b)} from a Bradley–Terry fit per objective, for MODPO. */
    private double[][] rewardMargins(PairSample data, int k) {
        double[][] utilities = new double[k][];
        for (int j = 0; j < k; j++) {
            utilities[j] = BradleyTerryFit.fit(data, j, config.responses());
        }
        double[][] margins = new double[data.size()][k];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < k; j++) {
                margins[i][j] = utilities[j][data.a()[i]] - utilities[j][data.b()[i]];
            }
        }
        return margins;
    }

    private static ObjectiveSet objectiveSet(int k) {
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= k; j++) {
            names.add("objective" + j);
        }
        return ObjectiveSet.of(names);
    }

    private static List<String> labels(String prefix, List<double[]> settings) {
        List<String> labels = new ArrayList<>();
        for (double[] s : settings) {
            StringBuilder label = new StringBuilder(prefix).append('=');
            for (int i = 0; i < s.length; i++) {
                label.append(i == 0 ? "" : "/").append(String.format("%.3g", s[i]));
            }
            labels.add(label.toString());
        }
        return labels;
    }

    private static double[] normalised(double[] policy) {
        double total = 0;
        for (double p : policy) {
            total += p;
        }
        double[] result = new double[policy.length];
        for (int y = 0; y < policy.length; y++) {
            result[y] = policy[y] / total;
        }
        return result;
    }
}
