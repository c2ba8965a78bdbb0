package dev.mopo.bench.eval;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code summary.json} (the {@link EvalSummary}, {@code snake_case} keys) and {@code summary.csv}
 * (one row per policy and objective: {@code policy, objective, mean, mean_low, mean_high, win_rate,
 * win_rate_low, win_rate_high, non_dominated}).
 */
final class SummaryFiles {

    static final String JSON_FILE = "summary.json";
    static final String CSV_FILE = "summary.csv";

    private SummaryFiles() {}

    /** Writes both files into {@code folder}. */
    static void write(EvalSummary summary, Path folder) throws IOException {
        AtomicFiles.writeString(folder.resolve(JSON_FILE), JsonLines.JSON.copy()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
        StringBuilder csv = new StringBuilder(
                "policy,objective,mean,mean_low,mean_high,win_rate,win_rate_low,win_rate_high,non_dominated\n");
        for (PolicySummary policy : summary.policies()) {
            for (Map.Entry<String, ObjectiveSummary> objective : policy.objectives().entrySet()) {
                Estimate mean = objective.getValue().mean();
                Estimate win = objective.getValue().winRate();
                csv.append(cell(policy.name())).append(',').append(cell(objective.getKey()));
                for (double value : new double[] {mean.value(), mean.low(), mean.high(), win.value(), win.low(),
                    win.high()}) {
                    csv.append(',').append(value);
                }
                csv.append(',').append(policy.nonDominated()).append('\n');
            }
        }
        AtomicFiles.writeString(folder.resolve(CSV_FILE), csv.toString());
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    private static String cell(String text) {
        return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
