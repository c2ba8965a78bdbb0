package dev.mopo.bench.trainspeed;

import dev.mopo.bench.measure.ProcessMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** mopo's training figures beside TRL's, with the ratios and a warning for every setting in which the runs differ. */
public final class TrainSpeedComparison {

    private TrainSpeedComparison() {}

    /** The comparison as lines of text. */
    public static String format(TrainSpeedResult mopo, TrainSpeedResult trl) {
        StringBuilder out = new StringBuilder();
        for (String difference : differences(mopo, trl)) {
            out.append("WARNING: the runs differ in ").append(difference).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-26s %14s %14s%n", "", mopo.side(), trl.side()));
        out.append(row("s/step (mean)", "%.4f", mopo.meanSeconds(), trl.meanSeconds()));
        out.append(row("s/step (median)", "%.4f", mopo.medianSeconds(), trl.medianSeconds()));
        out.append(row("tokens/s", "%.0f", mopo.tokensPerSecond(), trl.tokensPerSecond()));
        out.append(String.format(Locale.ROOT, "%-26s %14s %14s%n", "peak RSS", ProcessMemory.mib(mopo.peakRssBytes()),
                ProcessMemory.mib(trl.peakRssBytes())));
        out.append(row("setup + reference pass (s)", "%.1f", mopo.setupSeconds(), trl.setupSeconds()));
        out.append(String.format(Locale.ROOT, "%s: %s%n", trl.side(), trl.implementation()));
        out.append(String.format(Locale.ROOT, "mopo speed / %s speed: %.2f (mean s/step), %.2f (median)%n", trl.side(),
                trl.meanSeconds() / mopo.meanSeconds(), trl.medianSeconds() / mopo.medianSeconds()));
        if (mopo.peakRssBytes() > 0 && trl.peakRssBytes() > 0) {
            out.append(String.format(Locale.ROOT, "mopo / %s peak RSS: %.2f%n", trl.side(),
                    mopo.peakRssBytes() / (double) trl.peakRssBytes()));
        }
        return out.toString();
    }

    private static String row(String label, String format, double mopo, double trl) {
        return String.format(Locale.ROOT, "%-26s %14s %14s%n", label, String.format(Locale.ROOT, format, mopo),
                String.format(Locale.ROOT, format, trl));
    }

    private static List<String> differences(TrainSpeedResult mopo, TrainSpeedResult trl) {
        List<String> differences = new ArrayList<>();
        if (mopo.threads() != trl.threads() || mopo.interopThreads() != trl.interopThreads()) {
            differences.add(String.format("threads (intra-op/inter-op): %d/%d vs %d/%d", mopo.threads(),
                    mopo.interopThreads(), trl.threads(), trl.interopThreads()));
        }
        if (mopo.batchPairs() != trl.batchPairs() || mopo.tokensPerStep() != trl.tokensPerStep()) {
            differences.add(String.format("batch: %d pairs, %d tokens a step vs %d pairs, %d tokens", mopo.batchPairs(),
                    mopo.tokensPerStep(), trl.batchPairs(), trl.tokensPerStep()));
        }
        if (mopo.timedSteps() != trl.timedSteps() || mopo.warmupSteps() != trl.warmupSteps()) {
            differences.add(String.format("steps (warm-up + timed): %d + %d vs %d + %d", mopo.warmupSteps(),
                    mopo.timedSteps(), trl.warmupSteps(), trl.timedSteps()));
        }
        return differences;
    }
}
