package dev.mopo.bench.eval;

import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page that opens offline (plots are inline SVG, the
 * style inline, nothing fetched) — the settings, the results table, the policies in objective
 * space with their intervals and the front, the training curves of policies that come from mopo
 * runs, and sample responses.
 */
final class HtmlReport {

    /** Prompts whose responses the report shows. */
    static final int SHOWN_PROMPTS = 5;
    static final String FILE = "report.html";

    private final EvalSummary summary;
    private final EvalResults results;
    private final Charts charts = new Charts();
    private final StringBuilder html = new StringBuilder();

    private HtmlReport(EvalSummary summary, EvalResults results) {
        this.summary = summary;
        this.results = results;
    }

    /** Writes the report of {@code summary} (and the samples in {@code results}) to {@code folder/report.html}. */
    static void write(EvalSummary summary, EvalResults results, Path folder) throws IOException {
        HtmlReport report = new HtmlReport(summary, results);
        report.page();
        AtomicFiles.writeString(folder.resolve(FILE), report.html.toString());
    }

    private void page() throws IOException {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>mopo evaluation</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:left;vertical-align:top}th{background:#f4f4f4}td.num{text-align:right;")
                .append("font-variant-numeric:tabular-nums}pre{white-space:pre-wrap;margin:0;font-size:90%}")
                .append("figure{margin:1em 0}.front{font-weight:bold}\n</style>\n</head>\n<body>\n")
                .append("<h1>mopo evaluation</h1>\n");
        settings();
        table();
        objectiveSpace();
        training();
        samples();
        html.append("</body>\n</html>\n");
    }

    private void settings() {
        EvalManifest.Identity identity = results.manifest().settings();
        Sampling sampling = identity.sampling();
        html.append("<p>").append(summary.promptCount()).append(" prompts, ").append(escape(summary.prompts()))
                .append("; ").append(summary.samplesPerPrompt()).append(" sample(s) per prompt and policy (seed ")
                .append(identity.seed()).append("; sampling: ").append(escape(describe(sampling)))
                .append("; chat template ").append(escape(identity.chatTemplate())).append(").</p>\n<p>Scorers: ")
                .append(escape(String.join(", ", identity.scorers()))).append(". Win rates are against the")
                .append(" reference <b>").append(escape(summary.reference())).append("</b>'s response to the same")
                .append(" prompt with the same sample index (ties count ½). Intervals: ")
                .append(Math.round(summary.bootstrap().confidence() * 100)).append("% percentile bootstrap over")
                .append(" prompts, ").append(summary.bootstrap().resamples()).append(" resamples.</p>\n");
    }

    private static String describe(Sampling sampling) {
        List<String> parts = new ArrayList<>();
        parts.add("max_new_tokens " + orDefault(sampling.maxNewTokens()));
        parts.add("temperature " + orDefault(sampling.temperature()));
        parts.add("top_p " + orDefault(sampling.topP()));
        parts.add("top_k " + orDefault(sampling.topK()));
        return String.join(", ", parts);
    }

    private static String orDefault(Object value) {
        return value == null ? "from generation_config.json" : value.toString();
    }

    private void table() {
        html.append("<h2>Results</h2>\n<table>\n<tr><th rowspan=\"2\">policy</th>");
        for (String objective : summary.objectives()) {
            html.append("<th colspan=\"2\">").append(escape(objective)).append("</th>");
        }
        html.append("<th rowspan=\"2\">non-dominated</th></tr>\n<tr>");
        for (int k = 0; k < summary.objectives().size(); k++) {
            html.append("<th>mean score</th><th>win rate</th>");
        }
        html.append("</tr>\n");
        for (PolicySummary policy : summary.policies()) {
            html.append("<tr").append(policy.nonDominated() ? " class=\"front\"" : "").append("><td>")
                    .append(escape(policy.name())).append("</td>");
            for (ObjectiveSummary objective : policy.objectives().values()) {
                html.append("<td class=\"num\">").append(format(objective.mean())).append("</td><td class=\"num\">")
                        .append(format(objective.winRate())).append("</td>");
            }
            html.append("<td>").append(policy.nonDominated() ? "yes" : "").append("</td></tr>\n");
        }
        html.append("</table>\n<p>Hypervolume of the win rates: ")
                .append(summary.hypervolume() == null ? "not computed for more than three objectives"
                        : String.format(Locale.ROOT, "%.4f", summary.hypervolume()))
                .append(" (reference point: the least win rate on each objective, ")
                .append(escape(summary.hypervolumeReference().toString())).append(").</p>\n");
    }

    private void objectiveSpace() {
        html.append("<h2>Objective space</h2>\n");
        List<String> objectives = summary.objectives();
        if (objectives.size() == 1) {
            String objective = objectives.get(0);
            figure(charts.objectiveSpace("policies: " + objective, "mean score", "win rate against "
                    + summary.reference(), points(o -> o.mean(), o -> o.winRate(), objective, objective)));
            return;
        }
        for (int k = 1; k < objectives.size(); k++) {
            String x = objectives.get(0);
            String y = objectives.get(k);
            figure(charts.objectiveSpace("win rates against " + summary.reference(), "win rate: " + x,
                    "win rate: " + y, points(ObjectiveSummary::winRate, ObjectiveSummary::winRate, x, y)));
            figure(charts.objectiveSpace("mean scores", "mean score: " + x, "mean score: " + y,
                    points(ObjectiveSummary::mean, ObjectiveSummary::mean, x, y)));
        }
        html.append("<p>Error bars are the intervals; * marks the policies no other dominates in win rates over all")
                .append(" objectives, joined by the dashed line.</p>\n");
    }

    private List<Charts.Point> points(java.util.function.Function<ObjectiveSummary, Estimate> xOf,
            java.util.function.Function<ObjectiveSummary, Estimate> yOf, String x, String y) {
        List<Charts.Point> points = new ArrayList<>();
        for (PolicySummary policy : summary.policies()) {
            points.add(new Charts.Point(policy.name(), xOf.apply(policy.objectives().get(x)),
                    yOf.apply(policy.objectives().get(y)), policy.nonDominated()));
        }
        return points;
    }

    private void training() throws IOException {
        html.append("<h2>Training</h2>\n");
        TrainingCurves curves = TrainingCurves.read(results.manifest().policies());
        if (curves.isEmpty()) {
            html.append("<p>No policy comes from a mopo run folder with metrics.jsonl.</p>\n");
            return;
        }
        if (!curves.loss().isEmpty()) {
            figure(charts.lines("training loss", "optimiser step", "loss", curves.loss()));
        }
        if (!curves.lambdas().isEmpty()) {
            figure(charts.lines("multipliers λ", "optimiser step", "λ", curves.lambdas()));
        }
    }

    private void samples() {
        html.append("<h2>Sample responses</h2>\n");
        int shown = Math.min(SHOWN_PROMPTS, summary.promptCount());
        html.append("<p>Sample 0 of the first ").append(shown).append(" prompts.</p>\n");
        for (int p = 0; p < shown; p++) {
            html.append("<h3>Prompt ").append(p).append("</h3>\n<pre>")
                    .append(escape(results.sample(summary.reference(), p, 0).prompt())).append("</pre>\n<table>\n")
                    .append("<tr><th>policy</th><th>response</th><th>scores</th></tr>\n");
            for (String policy : results.policies()) {
                Sample sample = results.sample(policy, p, 0);
                html.append("<tr><td>").append(escape(policy)).append("</td><td><pre>").append(escape(sample.response()))
                        .append("</pre></td><td>");
                for (Map.Entry<String, Double> score : sample.scores().entrySet()) {
                    html.append(escape(score.getKey())).append(String.format(Locale.ROOT, " %.4g<br>", score.getValue()));
                }
                html.append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private void figure(String svg) {
        html.append("<figure>\n").append(svg).append("\n</figure>\n");
    }

    private static String format(Estimate estimate) {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", estimate.value(), estimate.low(), estimate.high());
    }

    /** {@code text} safe inside HTML elements and attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
