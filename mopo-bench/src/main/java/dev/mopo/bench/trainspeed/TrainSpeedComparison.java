package dev.mopo.bench.trainspeed;

import dev.mopo.bench.measure.ProcessMemory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * mopo's training figures beside TRL's (one or more settings), with the ratios, model FLOPs
 * utilisation, and a warning for every setting in which the runs differ.
 */
public final class TrainSpeedComparison {

    private TrainSpeedComparison() {}

    /**
     * The comparison as lines of text. Model FLOPs utilisation is {@code flopsPerToken} (see
     * {@link UsefulFlops}) times tokens/s over {@code peakFlops}; pass 0 as the peak to leave it out.
     */
    public static String format(TrainSpeedResult mopo, List<TrainSpeedResult> peers, double flopsPerToken,
            double peakFlops) {
        List<TrainSpeedResult> all = new ArrayList<>();
        all.add(mopo);
        all.addAll(peers);
        StringBuilder out = new StringBuilder();
        for (TrainSpeedResult peer : peers) {
            for (String difference : differences(mopo, peer)) {
                out.append("WARNING: mopo and ").append(peer.label()).append(" differ in ").append(difference)
                        .append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "%-28s", ""));
        all.forEach(result -> out.append(String.format(Locale.ROOT, " %16s", result.label())));
        out.append('\n');
        out.append(row(all, "s/step (mean)", r -> String.format(Locale.ROOT, "%.4f", r.meanSeconds())));
        out.append(row(all, "s/step (median)", r -> String.format(Locale.ROOT, "%.4f", r.medianSeconds())));
        out.append(row(all, "tokens/s", r -> String.format(Locale.ROOT, "%.0f", r.tokensPerSecond())));
        out.append(row(all, "reference pass tokens/s", r -> String.format(Locale.ROOT, "%.0f",
                r.referenceTokensPerSecond())));
        out.append(row(all, "peak RSS", r -> ProcessMemory.mib(r.peakRssBytes())));
        if (peakFlops > 0) {
            out.append(row(all, "model FLOPs utilisation", r -> String.format(Locale.ROOT, "%.1f %%",
                    100 * flopsPerToken * r.tokensPerSecond() / peakFlops)));
        }
        for (TrainSpeedResult peer : peers) {
            out.append(String.format(Locale.ROOT, "%s: %s%n", peer.label(), peer.implementation()));
        }
        for (TrainSpeedResult peer : peers) {
            out.append(String.format(Locale.ROOT, "mopo step time / %s: %.2f (mean), %.2f (median); tokens/s ratio %.2f;"
                    + " reference pass tokens/s ratio %.2f", peer.label(), mopo.meanSeconds() / peer.meanSeconds(),
                    mopo.medianSeconds() / peer.medianSeconds(), mopo.tokensPerSecond() / peer.tokensPerSecond(),
                    mopo.referenceTokensPerSecond() / peer.referenceTokensPerSecond()));
            if (mopo.peakRssBytes() > 0 && peer.peakRssBytes() > 0) {
                out.append(String.format(Locale.ROOT, "; peak RSS ratio %.2f",
                        mopo.peakRssBytes() / (double) peer.peakRssBytes()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String row(List<TrainSpeedResult> results, String label, Function<TrainSpeedResult, String> figure) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-28s", label));
        results.forEach(result -> line.append(String.format(Locale.ROOT, " %16s", figure.apply(result))));
        return line.append('\n').toString();
    }

    private static List<String> differences(TrainSpeedResult mopo, TrainSpeedResult peer) {
        List<String> differences = new ArrayList<>();
        if (mopo.threads() != peer.threads() || mopo.interopThreads() != peer.interopThreads()) {
            differences.add(String.format("threads (intra-op/inter-op): %d/%d vs %d/%d", mopo.threads(),
                    mopo.interopThreads(), peer.threads(), peer.interopThreads()));
        }
        if (mopo.batchPairs() != peer.batchPairs()) {
            differences.add(String.format("batch: %d pairs vs %d", mopo.batchPairs(), peer.batchPairs()));
        }
        if (mopo.timedSteps() != peer.timedSteps() || mopo.warmupSteps() != peer.warmupSteps()) {
            differences.add(String.format("steps (warm-up + timed): %d + %d vs %d + %d", mopo.warmupSteps(),
                    mopo.timedSteps(), peer.warmupSteps(), peer.timedSteps()));
        }
        if (mopo.referenceTokens() != peer.referenceTokens()) {
            differences.add(String.format("corpus: %d tokens in the reference pass vs %d", mopo.referenceTokens(),
                    peer.referenceTokens()));
        }
        return differences;
    }
}
