package dev.mopo.bench.synthetic;

import static dev.mopo.bench.report.Tables.number;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mopo.bench.report.FrontPlot;
import dev.mopo.bench.report.Tables;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.core.tabular.TabularSolution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one structure's results: {@code thresholds.csv} (each MOPO variant against the exact
 * optimum per threshold), {@code points.csv} (every trained policy), {@code baselines.csv} (the
 * best baseline point meeting each threshold), {@code summary.json}, and one front plot per
 * constrained objective.
 */
public final class SyntheticReport {

    private static final String PRIMARY_MOPO = Variant.MOPO.method();
    private static final List<String> BASELINES = List.of("mopo-fixed", "dpo-ls", "ipo-ls", "modpo");

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes every file for {@code result} into {@code directory}. */
    public void write(StructureResult result, SyntheticConfig config, Path directory) throws IOException {
        int k = result.structure().objectives();
        AtomicFiles.writeString(directory.resolve("thresholds.csv"), thresholdTable(result, k));
        AtomicFiles.writeString(directory.resolve("points.csv"), pointTable(result, k));
        AtomicFiles.writeString(directory.resolve("baselines.csv"), baselineTable(result, k));
        AtomicFiles.writeString(directory.resolve("summary.json"), json.writeValueAsString(summary(result, config)));
        for (int objective = 1; objective < k; objective++) {
            String suffix = "P" + (objective + 1) + ".png";
            plot(result, objective, Double.NaN).writePng(directory.resolve("front_P1_" + suffix), 900, 700);
            plot(result, objective, config.tau()).writePng(directory.resolve("front_J1_" + suffix), 900, 700);
        }
    }

    /** The console table of every structure's headline figures. */
    public static String headline(List<StructureResult> results) {
        List<String> header = List.of("structure", "method", "HV ratio", "raw HV ratio", "mean viol.", "max viol.",
                "mean |gap|", "lambda spread", "seconds");
        List<List<String>> rows = new ArrayList<>();
        for (StructureResult result : results) {
            for (MethodSummary s : result.summaries()) {
                rows.add(List.of(result.structure().id(), s.method(), number(s.hypervolumeRatio()),
                        number(s.rawHypervolumeRatio()), number(s.meanViolation()), number(s.maxViolation()),
                        number(s.meanAbsoluteGap()), number(s.maxLambdaSpread()),
                        String.format("%.1f", result.seconds())));
            }
        }
        return Tables.text(header, rows);
    }

    /**
     * One row per structure, one column per method: the HV ratio and, for MOPO variants, the mean
     * and maximum violation ("0.991 (0.0016/0.0096)").
     */
    public static String overview(List<StructureResult> results) {
        List<String> methods = new ArrayList<>();
        for (StructureResult result : results) {
            for (MethodSummary s : result.summaries()) {
                if (!methods.contains(s.method())) {
                    methods.add(s.method());
                }
            }
        }
        List<String> header = new ArrayList<>(List.of("structure"));
        header.addAll(methods);
        List<List<String>> rows = new ArrayList<>();
        for (StructureResult result : results) {
            List<String> row = new ArrayList<>(List.of(result.structure().id()));
            for (String method : methods) {
                row.add(result.summaries().stream().filter(s -> s.method().equals(method)).findFirst()
                        .map(SyntheticReport::cell).orElse("-"));
            }
            rows.add(row);
        }
        return Tables.text(header, rows);
    }

    private static String cell(MethodSummary s) {
        String hv = String.format("%.3f", s.hypervolumeRatio());
        return Double.isNaN(s.meanViolation()) ? hv
                : String.format("%s (%.4f/%.4f)", hv, s.meanViolation(), s.maxViolation());
    }

    private static String thresholdTable(StructureResult result, int k) {
        List<String> header = new ArrayList<>(List.of("method"));
        for (int j = 2; j <= k; j++) {
            header.add("b" + j);
        }
        for (int j = 1; j <= k; j++) {
            header.add("exact_P" + j);
        }
        for (int j = 1; j <= k; j++) {
            header.add("learned_P" + j);
        }
        header.addAll(List.of("primal_gap", "violation"));
        for (int j = 2; j <= k; j++) {
            header.add("exact_lambda" + j);
        }
        for (int j = 2; j <= k; j++) {
            header.add("learned_lambda" + j);
        }
        header.addAll(List.of("lambda_spread", "ess", "estimate_reliable", "exact_kl", "learned_kl"));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, List<ThresholdOutcome>> entry : result.thresholdOutcomes().entrySet()) {
            for (ThresholdOutcome outcome : entry.getValue()) {
                List<String> row = new ArrayList<>(List.of(entry.getKey()));
                for (double b : outcome.exact().thresholds()) {
                    row.add(number(b));
                }
                if (!outcome.feasible()) {
                    while (row.size() < header.size()) {
                        row.add("infeasible");
                    }
                    rows.add(row);
                    continue;
                }
                addAll(row, outcome.exact().winRates());
                addAll(row, outcome.learned().winRates());
                row.add(number(outcome.primalGap()));
                row.add(number(outcome.violation()));
                addAll(row, outcome.exact().lambda());
                addAll(row, outcome.learned().lambda());
                row.add(number(outcome.learned().lambdaSpread()));
                row.add(number(outcome.learned().effectiveSampleSize()));
                row.add(Boolean.toString(outcome.learned().reliable()));
                row.add(number(outcome.exact().kl()));
                row.add(number(outcome.learned().kl()));
                rows.add(row);
            }
        }
        return Tables.csv(header, rows);
    }

    private static String pointTable(StructureResult result, int k) {
        List<String> header = new ArrayList<>(List.of("method", "setting"));
        for (int j = 1; j <= k; j++) {
            header.add("P" + j);
        }
        header.add("kl");
        List<List<String>> rows = new ArrayList<>();
        for (List<PolicyPoint> points : result.points().values()) {
            for (PolicyPoint p : points) {
                List<String> row = new ArrayList<>(List.of(p.method(), p.label()));
                addAll(row, p.winRates());
                row.add(number(p.kl()));
                rows.add(row);
            }
        }
        return Tables.csv(header, rows);
    }

    /**
     * For each feasible threshold: MOPO's {@code P_1} and, per baseline, the best {@code P_1}
     * among its sweep's points that meet every threshold ("none" if no point does).
     */
    private static String baselineTable(StructureResult result, int k) {
        List<String> header = new ArrayList<>();
        for (int j = 2; j <= k; j++) {
            header.add("b" + j);
        }
        header.addAll(List.of("exact_P1", PRIMARY_MOPO + "_P1", PRIMARY_MOPO + "_violation"));
        for (String baseline : BASELINES) {
            header.add(baseline + "_best_P1");
        }
        List<List<String>> rows = new ArrayList<>();
        for (ThresholdOutcome outcome : result.thresholdOutcomes().getOrDefault(PRIMARY_MOPO, List.of())) {
            if (!outcome.feasible()) {
                continue;
            }
            double[] b = outcome.exact().thresholds();
            List<String> row = new ArrayList<>();
            addAll(row, b);
            row.add(number(outcome.exact().winRates()[0]));
            row.add(number(outcome.learned().winRates()[0]));
            row.add(number(outcome.violation()));
            for (String baseline : BASELINES) {
                double best = Double.NaN;
                for (PolicyPoint p : result.points().getOrDefault(baseline, List.of())) {
                    if (meets(p.winRates(), b) && !(p.winRates()[0] <= best)) {
                        best = p.winRates()[0];
                    }
                }
                row.add(Double.isNaN(best) ? "none" : number(best));
            }
            rows.add(row);
        }
        return Tables.csv(header, rows);
    }

    private static boolean meets(double[] winRates, double[] thresholds) {
        for (int j = 0; j < thresholds.length; j++) {
            if (winRates[j + 1] < thresholds[j]) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> summary(StructureResult result, SyntheticConfig config) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("structure", result.structure().id());
        summary.put("description", result.structure().description());
        summary.put("config", config);
        summary.put("seconds", result.seconds());
        List<Map<String, Object>> methods = new ArrayList<>();
        for (MethodSummary s : result.summaries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", s.method());
            m.put("hypervolume_ratio", s.hypervolumeRatio());
            m.put("raw_hypervolume_ratio", s.rawHypervolumeRatio());
            if (!Double.isNaN(s.meanViolation())) {
                m.put("mean_violation", s.meanViolation());
                m.put("max_violation", s.maxViolation());
                m.put("mean_abs_primal_gap", s.meanAbsoluteGap());
                m.put("max_lambda_spread", s.maxLambdaSpread());
            }
            methods.add(m);
        }
        summary.put("methods", methods);
        List<Map<String, Object>> thresholds = new ArrayList<>();
        for (TabularSolution exact : result.exactFront()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("thresholds", exact.thresholds());
            t.put("feasible", exact.feasible());
            if (exact.feasible()) {
                t.put("exact_win_rates", exact.winRates());
                t.put("exact_lambda", exact.lambda());
            }
            thresholds.add(t);
        }
        summary.put("exact_front", thresholds);
        return summary;
    }

    /**
     * Objective 1 against objective {@code objective + 1}: raw win rates when {@code tau} is NaN,
     * else the regularised primary objective {@code P_1 − τ·KL} on the horizontal axis.
     */
    private static FrontPlot plot(StructureResult result, int objective, double tau) {
        boolean raw = Double.isNaN(tau);
        String title = result.structure().id() + " — " + result.structure().description();
        String x = raw ? "P1 (primary win rate)" : "P1 - tau * KL (regularised primary objective)";
        FrontPlot plot = new FrontPlot(title, x, "P" + (objective + 1) + " (constrained win rate)");
        if (!result.denseFront().isEmpty()) {
            plot.line("exact front", project(solutions(result.denseFront(), tau), objective));
        }
        List<TabularSolution> feasible = new ArrayList<>();
        for (TabularSolution solution : result.exactFront()) {
            if (solution.feasible()) {
                feasible.add(solution);
            }
        }
        plot.markers("exact at thresholds", project(solutions(feasible, tau), objective));
        for (Map.Entry<String, List<PolicyPoint>> entry : result.points().entrySet()) {
            List<double[]> points = new ArrayList<>();
            for (PolicyPoint p : entry.getValue()) {
                points.add(raw ? p.winRates() : p.regularised(tau));
            }
            plot.markers(entry.getKey(), project(points, objective));
        }
        return plot;
    }

    private static List<double[]> solutions(List<TabularSolution> solutions, double tau) {
        List<double[]> points = new ArrayList<>();
        for (TabularSolution s : solutions) {
            points.add(Double.isNaN(tau) ? s.winRates() : Objectives.regularised(s.winRates(), s.kl(), tau));
        }
        return points;
    }

    private static List<double[]> project(List<double[]> points, int objective) {
        List<double[]> projected = new ArrayList<>();
        for (double[] p : points) {
            projected.add(new double[] {p[0], p[objective]});
        }
        return projected;
    }

    private static void addAll(List<String> row, double[] values) {
        Arrays.stream(values).forEach(v -> row.add(number(v)));
    }
}
