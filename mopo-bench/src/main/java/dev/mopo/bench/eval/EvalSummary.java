package dev.mopo.bench.eval;

import dev.mopo.core.pareto.Hypervolume;
import dev.mopo.core.pareto.ParetoFront;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of an evaluation, as {@code summary.json} holds them: per policy and objective the
 * mean score and the win rate against the reference, each with a bootstrap interval over prompts
 * ({@link Bootstrap}, seeded with the evaluation's seed, the same draws for every statistic); the
 * policies no other dominates in win rates; and the hypervolume of their win rates with respect
 * to the component-wise minimum over all policies (the reference included).
 *
 * @param prompts where the prompts came from
 * @param promptCount the number of prompts
 * @param samplesPerPrompt samples per prompt and policy
 * @param reference the reference policy's name
 * @param objectives the objectives, in the scorers' order
 * @param policies every policy, the reference first
 * @param front the names of the non-dominated policies
 * @param hypervolume the hypervolume of the win rates; null for more than three objectives (not computed)
 * @param hypervolumeReference the reference point: the least win rate on each objective
 * @param bootstrap the intervals' resamples and coverage
 */
public record EvalSummary(String prompts, int promptCount, int samplesPerPrompt, String reference,
        List<String> objectives, List<PolicySummary> policies, List<String> front, Double hypervolume,
        List<Double> hypervolumeReference, Bootstrap bootstrap) {

    /** Copies the lists. */
    public EvalSummary {
        objectives = List.copyOf(objectives);
        policies = List.copyOf(policies);
        front = List.copyOf(front);
        hypervolumeReference = List.copyOf(hypervolumeReference);
    }

    /** The summary of complete results. */
    static EvalSummary of(EvalResults results, Bootstrap bootstrap) {
        EvalManifest manifest = results.manifest();
        long seed = manifest.settings().seed();
        String reference = results.policies().get(0);
        List<String> names = results.policies();
        List<Map<String, ObjectiveSummary>> perPolicy = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (String policy : names) {
            Map<String, ObjectiveSummary> objectives = new LinkedHashMap<>();
            double[] point = new double[results.objectives().size()];
            int k = 0;
            for (String objective : results.objectives()) {
                double[][] scores = results.scores(policy, objective);
                double[][] wins = WinRate.indicators(scores, results.scores(reference, objective));
                ObjectiveSummary summary = new ObjectiveSummary(bootstrap.estimate(scores, seed),
                        bootstrap.estimate(wins, seed));
                objectives.put(objective, summary);
                point[k++] = summary.winRate().value();
            }
            perPolicy.add(objectives);
            points.add(point);
        }
        List<PolicySummary> policies = new ArrayList<>();
        List<String> front = new ArrayList<>();
        List<double[]> frontPoints = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            boolean nonDominated = true;
            for (double[] other : points) {
                nonDominated &= !ParetoFront.dominates(other, points.get(i));
            }
            if (nonDominated) {
                front.add(names.get(i));
                frontPoints.add(points.get(i));
            }
            policies.add(new PolicySummary(names.get(i), manifest.policies().get(names.get(i)), perPolicy.get(i),
                    nonDominated));
        }
        double[] lowest = points.get(0).clone();
        for (double[] point : points) {
            for (int k = 0; k < lowest.length; k++) {
                lowest[k] = Math.min(lowest[k], point[k]);
            }
        }
        return new EvalSummary(manifest.prompts(), manifest.settings().promptCount(), manifest.settings().samples(),
                reference, results.objectives(), policies, front, hypervolume(frontPoints, lowest),
                Arrays.stream(lowest).boxed().toList(), bootstrap);
    }

    /** The hypervolume of {@code points} over {@code reference}: exact for 1 to 3 objectives, null beyond. */
    static Double hypervolume(List<double[]> points, double[] reference) {
        if (reference.length > 3) {
            return null;
        }
        if (reference.length == 1) {
            return points.stream().mapToDouble(p -> p[0] - reference[0]).max().orElse(0);
        }
        return Hypervolume.of(points, reference);
    }

    /** The summary of the policy named {@code name}. */
    public PolicySummary policy(String name) {
        return policies.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no policy '" + name + "' in the summary"));
    }
}
