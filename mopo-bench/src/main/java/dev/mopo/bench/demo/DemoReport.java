package dev.mopo.bench.demo;

import static dev.mopo.bench.report.Tables.number;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mopo.bench.report.FrontPlot;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's report: {@code report.md} with a table of every policy's win rates, plots of the
 * policies in objective space, of the multipliers and estimated win rates during training and of
 * the losses, and {@code results.json} with the same numbers.
 */
final class DemoReport {

    private final Path out;
    private final DemoConfig config;

    DemoReport(Path out, DemoConfig config) {
        this.out = out;
        this.config = config;
    }

    /** Writes the report for {@code runs}; returns the path of report.md. */
    Path write(List<DemoRun> runs, double seconds) throws IOException {
        objectiveSpace(runs).writePng(out.resolve("objective_space.png"), 800, 600);
        traces(runs, "lambda/" + ArithmeticTask.CONCISE.name(), "multiplier lambda (concise)", true)
                .writePng(out.resolve("lambda.png"), 800, 500);
        traces(runs, "win_rate/" + ArithmeticTask.CONCISE.name(), "estimated win rate P(concise), SNIS", true)
                .writePng(out.resolve("constraint.png"), 800, 500);
        traces(runs, "loss", "training loss", false).writePng(out.resolve("loss.png"), 800, 500);
        AtomicFiles.writeString(out.resolve("results.json"), new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results(runs, seconds)));
        Path report = out.resolve("report.md");
        AtomicFiles.writeString(report, markdown(runs, seconds));
        return report;
    }

    private static FrontPlot objectiveSpace(List<DemoRun> runs) {
        FrontPlot plot = new FrontPlot("policies in objective space: win rates against the data, sampled and estimated",
                "P(correct) (primary)", "P(concise) (constrained)");
        for (DemoRun run : runs) {
            if (!Double.isNaN(run.threshold())) {
                plot.line("threshold b = " + run.threshold(), List.of(new double[] {0.3, run.threshold()},
                        new double[] {0.8, run.threshold()}));
            }
        }
        for (DemoRun run : runs) {
            double[] sampled = run.evaluation().winRates();
            plot.markers(run.name() + " (sampled)", List.of(new double[] {sampled[0], sampled[1]}));
        }
        for (DemoRun run : runs) {
            if (run.output() != null) {
                plot.markers(run.name() + " (estimated)", List.of(run.estimated()));
            }
        }
        return plot;
    }

    private static FrontPlot traces(List<DemoRun> runs, String metric, String label, boolean mopoOnly)
            throws IOException {
        FrontPlot plot = new FrontPlot(label + " during training", "optimiser step", label);
        ObjectMapper json = new ObjectMapper();
        for (DemoRun run : runs) {
            if (run.output() == null || (mopoOnly && Double.isNaN(run.threshold()))) {
                continue;
            }
            List<double[]> points = new ArrayList<>();
            for (String line : Files.readAllLines(run.output().resolve("metrics.jsonl"))) {
                JsonNode record = json.readTree(line);
                if (!record.has("split") && record.has(metric)) {
                    points.add(new double[] {record.get("step").asDouble(), record.get(metric).asDouble()});
                }
            }
            plot.line(run.name(), points);
            if (mopoOnly && metric.startsWith("win_rate/")) {
                double last = points.isEmpty() ? 1 : points.get(points.size() - 1)[0];
                plot.line("b = " + run.threshold(), List.of(new double[] {0, run.threshold()},
                        new double[] {last, run.threshold()}));
            }
        }
        return plot;
    }

    private Map<String, Object> results(List<DemoRun> runs, double seconds) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("config", config);
        results.put("seconds", seconds);
        List<Map<String, Object>> policies = new ArrayList<>();
        for (DemoRun run : runs) {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("name", run.name());
            policy.put("loss", run.loss());
            if (!Double.isNaN(run.threshold())) {
                policy.put("threshold_concise", run.threshold());
                policy.put("final_lambda_concise", run.finalLambda());
            }
            policy.put("win_rate_correct", run.evaluation().winRates()[0]);
            policy.put("win_rate_concise", run.evaluation().winRates()[1]);
            policy.put("estimated_win_rate_correct", run.estimated()[0]);
            policy.put("estimated_win_rate_concise", run.estimated()[1]);
            policy.put("correct_rate", run.evaluation().correctRate());
            policy.put("mean_length", run.evaluation().meanLength());
            policy.put("checkpoint", run.checkpoint().toString());
            policies.add(policy);
        }
        results.put("policies", policies);
        return results;
    }

    private String markdown(List<DemoRun> runs, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("# mopo demo\n\n");
        md.append("A small Llama-style model (").append(config.layers()).append(" layers, hidden ")
                .append(config.hidden()).append(") answers additions of single digits. Two programmatic objectives label")
                .append(" every pair: **correct** (primary: the answer states the true sum) and **concise** (constrained:")
                .append(" the shorter answer wins). In the data, polite answers are long and usually right, terse answers")
                .append(" short and often wrong, so pushing correctness alone makes a policy long-winded. MOPO maximises")
                .append(" correctness subject to P(concise) >= b; DPO optimises correctness alone.\n\n");
        md.append("Win rates are against answers drawn from the data distribution (0.5 = as good as the data). *Sampled*:")
                .append(" the policy answers ").append(config.evalQuestions()).append(" held-out questions (one sample each,")
                .append(" temperature 1) and the objectives score each answer against a data answer. *Estimated*: what the")
                .append(" trainer's SNIS estimator reports on the held-out pairs at the end of training — reweighting the")
                .append(" data's own responses, the quantity MOPO's constraint acts on. The two differ when a policy")
                .append(" puts mass on answers the data never contains.\n\n");
        md.append("| policy | loss | threshold b | P(correct) sampled | P(concise) sampled | P(correct) estimated |")
                .append(" P(concise) estimated | correct answers | mean length | final lambda |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (DemoRun run : runs) {
            PolicyEvaluation e = run.evaluation();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.1f %% | %.1f | %s |%n", run.name(),
                    run.loss(), Double.isNaN(run.threshold()) ? "-" : number(run.threshold()), number(e.winRates()[0]),
                    number(e.winRates()[1]), number(run.estimated()[0]), number(run.estimated()[1]),
                    100 * e.correctRate(), e.meanLength(),
                    Double.isNaN(run.finalLambda()) ? "-" : number(run.finalLambda())));
        }
        md.append("\n![policies in objective space](objective_space.png)\n\n");
        md.append("![estimated constraint during training](constraint.png)\n\n");
        md.append("![multiplier traces](lambda.png)\n\n");
        md.append("![training losses](loss.png)\n\n");
        md.append("## Sample answers\n\n");
        for (DemoRun run : runs) {
            md.append("**").append(run.name()).append("**\n\n");
            for (String sample : run.evaluation().samples()) {
                md.append("    ").append(sample.replace("\n", " ")).append('\n');
            }
            md.append('\n');
        }
        md.append(String.format(Locale.ROOT, "Total time: %.0f s. Metrics per step: `runs/<policy>/metrics.jsonl`.%n", seconds));
        return md.toString();
    }
}
