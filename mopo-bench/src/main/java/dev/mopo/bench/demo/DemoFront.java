package dev.mopo.bench.demo;

import dev.mopo.bench.eval.Estimate;
import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.ObjectiveSummary;
import dev.mopo.bench.sweep.Sweep;
import dev.mopo.bench.sweep.SweepRun;
import dev.mopo.djl.train.config.LossKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The demo's points in objective space, seeds averaged, and the checks of MOPO against the
 * baselines. A point is one loss at one threshold or weight; its win rates (against the reference
 * policy's answers, ties ½) are the mean over its seeds, with the standard error over seeds, or,
 * for a single seed, the bootstrap interval's half-width over prompts divided by its normal quantile.
 *
 * @param primary the primary objective's name
 * @param constrained the constrained objective's name
 * @param points the reference first, then every point of the sweep in run order
 */
record DemoFront(String primary, String constrained, List<Point> points) {

    /** The tolerance of "meets its threshold": a MOPO point's constrained win rate may fall this far below b. */
    static final double THRESHOLD_TOLERANCE = 0.03;

    /** "λ settled": over the last quarter of training it swings by at most this fraction of its mean. */
    static final double SETTLED_SWING = 0.2;

    /**
     * One point of the sweep.
     *
     * @param name the run name without its seed
     * @param loss the loss, null for the reference
     * @param threshold MOPO's threshold on the constrained objective; NaN for the others
     * @param primary the primary win rate, seeds averaged
     * @param primaryError its standard error
     * @param constrained the constrained win rate, seeds averaged
     * @param constrainedError its standard error
     * @param seeds the seeds averaged
     * @param duals MOPO's multiplier in each seed's run; empty for the others
     */
    record Point(String name, LossKind loss, double threshold, double primary, double primaryError,
            double constrained, double constrainedError, int seeds, List<DualTrace> duals) {

        /** Copies the traces. */
        Point {
            duals = List.copyOf(duals);
        }

        boolean isMopo() {
            return loss == LossKind.MOPO;
        }

        boolean isBaseline() {
            return loss != null && !isMopo();
        }

        /** Whether this point beats {@code other} on both objectives by more than one combined standard error. */
        boolean dominatesBeyondError(Point other) {
            return primary - other.primary > Math.hypot(primaryError, other.primaryError)
                    && constrained - other.constrained > Math.hypot(constrainedError, other.constrainedError);
        }
    }

    /**
     * The points of {@code summary}, the evaluation of {@code runs}, on the two named objectives.
     *
     * @throws IOException when a MOPO run's metrics cannot be read
     */
    static DemoFront of(EvalSummary summary, List<SweepRun> runs, String primary, String constrained)
            throws IOException {
        double z = new NormalDistribution().inverseCumulativeProbability(0.5 + summary.bootstrap().confidence() / 2);
        Map<String, List<SweepRun>> byPoint = new LinkedHashMap<>();
        for (SweepRun run : runs) {
            byPoint.computeIfAbsent(run.name().replaceFirst("-seed-?\\d+$", ""), name -> new ArrayList<>()).add(run);
        }
        List<Point> points = new ArrayList<>();
        points.add(new Point(Sweep.REFERENCE, null, Double.NaN, 0.5, 0, 0.5, 0, 1, List.of()));
        for (Map.Entry<String, List<SweepRun>> point : byPoint.entrySet()) {
            SummaryStatistics first = new SummaryStatistics();
            SummaryStatistics second = new SummaryStatistics();
            double[] bootstrapErrors = new double[2];
            List<DualTrace> duals = new ArrayList<>();
            for (SweepRun run : point.getValue()) {
                if (run.config().loss().loss() == LossKind.MOPO) {
                    duals.add(DualTrace.read(run.folder(), constrained));
                }
                Map<String, ObjectiveSummary> objectives = summary.policy(run.name()).objectives();
                first.addValue(objectives.get(primary).winRate().value());
                second.addValue(objectives.get(constrained).winRate().value());
                bootstrapErrors[0] = halfWidth(objectives.get(primary).winRate()) / z;
                bootstrapErrors[1] = halfWidth(objectives.get(constrained).winRate()) / z;
            }
            long n = first.getN();
            SweepRun any = point.getValue().get(0);
            Double threshold = any.config().loss().thresholds().get(constrained);
            points.add(new Point(point.getKey(), any.config().loss().loss(), threshold == null ? Double.NaN : threshold,
                    first.getMean(), n > 1 ? first.getStandardDeviation() / Math.sqrt(n) : bootstrapErrors[0],
                    second.getMean(), n > 1 ? second.getStandardDeviation() / Math.sqrt(n) : bootstrapErrors[1],
                    (int) n, duals));
        }
        return new DemoFront(primary, constrained, points);
    }

    private static double halfWidth(Estimate estimate) {
        return (estimate.high() - estimate.low()) / 2;
    }

    /** The checks, one line each: {@code PASS} or {@code MISS}, with the numbers behind it. */
    List<String> checks() {
        List<String> lines = new ArrayList<>();
        for (Point mopo : points.stream().filter(Point::isMopo).toList()) {
            double gap = mopo.constrained - mopo.threshold;
            lines.add(verdict(gap >= -THRESHOLD_TOLERANCE) + ": " + mopo.name + " meets b = " + format(mopo.threshold)
                    + " within " + THRESHOLD_TOLERANCE + " (P(" + constrained + ") " + format(mopo.constrained) + " ± "
                    + format(mopo.constrainedError) + ", " + signed(gap) + ")");
            List<String> dominating = points.stream().filter(p -> p.isBaseline() && p.dominatesBeyondError(mopo))
                    .map(Point::name).toList();
            lines.add(verdict(dominating.isEmpty()) + ": no baseline dominates " + mopo.name + " by more than one"
                    + " standard error" + (dominating.isEmpty() ? "" : " (dominated by " + String.join(", ", dominating)
                    + ")"));
            Point best = points.stream()
                    .filter(p -> p.isBaseline() && p.constrained >= mopo.threshold - THRESHOLD_TOLERANCE)
                    .max((a, b) -> Double.compare(a.primary, b.primary)).orElse(null);
            if (best == null) {
                lines.add("PASS: no baseline meets b = " + format(mopo.threshold) + " within " + THRESHOLD_TOLERANCE
                        + "; " + mopo.name + "'s P(" + primary + ") is " + format(mopo.primary));
            } else {
                lines.add(verdict(mopo.primary >= best.primary) + ": at b = " + format(mopo.threshold) + " " + mopo.name
                        + "'s P(" + primary + ") " + format(mopo.primary) + " ± " + format(mopo.primaryError)
                        + " against the best baseline meeting it, " + best.name + ", " + format(best.primary) + " ± "
                        + format(best.primaryError));
            }
            double swing = mopo.duals.stream().mapToDouble(DualTrace::swing).max().orElse(0);
            int unreliable = mopo.duals.stream().mapToInt(DualTrace::unreliableSteps).sum();
            lines.add(verdict(swing <= SETTLED_SWING && unreliable == 0) + ": λ of " + mopo.name + " settled (final "
                    + mopo.duals.stream().map(dual -> format(dual.finalLambda())).toList() + ", largest swing over the"
                    + " last quarter " + String.format(Locale.ROOT, "%.0f %%", 100 * swing) + " of its mean, at most "
                    + String.format(Locale.ROOT, "%.0f %%", 100 * SETTLED_SWING) + "; " + unreliable
                    + " steps with a collapsed estimate)");
        }
        return lines;
    }

    /** The summary as Markdown: what was run, the table of points, the checks. */
    String markdown(DemoConfig config, double seconds) {
        StringBuilder text = new StringBuilder("# mopo demo\n\n");
        text.append("A ").append(config.layers()).append("-layer Llama-style model (hidden ").append(config.hidden())
                .append(") answers additions of single digits. Two programmatic objectives label every pair: **")
                .append(primary).append("** (primary: the answer states the true sum) and **").append(constrained)
                .append("** (constrained: the shorter answer wins). Polite answers are long and usually right, terse"
                        + " ones short and often wrong, so pushing correctness alone makes a policy long-winded. MOPO"
                        + " maximises P(").append(primary).append(") subject to P(").append(constrained)
                .append(") >= b; DPO optimises correctness alone; dpo-ls weighs the two DPO losses.\n\n");
        text.append("Each policy answers ").append(config.prompts()).append(" held-out questions ")
                .append(config.samples()).append(" times (temperature 1); a win rate is the fraction of answers the"
                        + " objective prefers to the reference policy's answer to the same question (ties count ½), so"
                        + " the reference sits at 0.5. ").append(config.seeds()).append(config.seeds() == 1
                        ? " seed; ± is the bootstrap standard error over questions."
                        : " seeds per point; ± is the standard error over seeds.").append(" Run time ")
                .append(String.format(Locale.ROOT, "%.0f s", seconds)).append(". Plots, training curves and sample"
                        + " answers: report.html.\n\n");
        text.append("| policy | loss | b | seeds | P(").append(primary).append(") | P(").append(constrained)
                .append(") |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Point point : points) {
            text.append("| ").append(point.name).append(" | ").append(point.loss == null ? "-" : point.loss.key())
                    .append(" | ").append(Double.isNaN(point.threshold) ? "-" : format(point.threshold)).append(" | ")
                    .append(point.seeds).append(" | ").append(format(point.primary)).append(" ± ")
                    .append(format(point.primaryError)).append(" | ").append(format(point.constrained)).append(" ± ")
                    .append(format(point.constrainedError)).append(" |\n");
        }
        text.append("\n## MOPO against the baselines\n\n");
        checks().forEach(line -> text.append("- ").append(line).append('\n'));
        return text.toString();
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "MISS";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String signed(double value) {
        return String.format(Locale.ROOT, "%+.3f", value);
    }
}
