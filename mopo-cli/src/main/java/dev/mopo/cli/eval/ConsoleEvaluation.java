package dev.mopo.cli.eval;

import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.EvaluationListener;
import dev.mopo.bench.eval.ObjectiveSummary;
import dev.mopo.bench.eval.PolicySummary;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * An evaluation on the console: progress lines on standard error (when a policy or scorer finishes,
 * and at most every 30 seconds in between), the results table on standard output.
 */
public final class ConsoleEvaluation implements EvaluationListener {

    private static final long INTERVAL_NANOS = 30_000_000_000L;
    private final PrintStream err = System.err;
    private long last = System.nanoTime();

    @Override
    public void onGenerated(String policy, int done, int total) {
        progress(done, total, "generated " + done + "/" + total + " responses of " + policy);
    }

    @Override
    public void onScored(String scorer, int done, int total) {
        progress(done, total, "scored " + done + "/" + total + " responses with " + scorer);
    }

    @Override
    public void onWarning(String message) {
        err.println("warning: " + message);
    }

    private void progress(int done, int total, String line) {
        long now = System.nanoTime();
        if (done == total || now - last > INTERVAL_NANOS) {
            err.println(line);
            last = now;
        }
    }

    /** The summary as a table: per policy and objective, the mean score and the win rate with their intervals. */
    public static void print(EvalSummary summary, PrintStream out) {
        int width = Math.max(8, summary.policies().stream().mapToInt(p -> p.name().length()).max().orElse(8));
        int objectiveWidth = Math.max(9, summary.objectives().stream().mapToInt(String::length).max().orElse(9));
        String row = "%-" + width + "s  %-" + objectiveWidth + "s  %-30s  %-24s  %s%n";
        out.printf(Locale.ROOT, row, "policy", "objective", "mean score [interval]",
                "win rate [interval]", "non-dominated");
        for (PolicySummary policy : summary.policies()) {
            for (Map.Entry<String, ObjectiveSummary> objective : policy.objectives().entrySet()) {
                ObjectiveSummary o = objective.getValue();
                out.printf(Locale.ROOT, row, policy.name(), objective.getKey(),
                        String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", o.mean().value(), o.mean().low(), o.mean().high()),
                        String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", o.winRate().value(), o.winRate().low(),
                                o.winRate().high()), policy.nonDominated() ? "yes" : "");
            }
        }
        out.println("non-dominated: " + String.join(", ", summary.front()) + "; hypervolume of the win rates: "
                + (summary.hypervolume() == null ? "not computed (more than three objectives)"
                        : String.format(Locale.ROOT, "%.4f", summary.hypervolume())));
    }
}
