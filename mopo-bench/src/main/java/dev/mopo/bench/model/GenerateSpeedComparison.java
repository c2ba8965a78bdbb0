package dev.mopo.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** mopo's generation throughput next to transformers' {@code generate} (scripts/generate_speed.py), with the ratios. */
public final class GenerateSpeedComparison {

    private GenerateSpeedComparison() {}

    /** The comparison lines, with a warning for every setting in which the two runs differ. */
    public static String format(GenerateSpeedFigures mopo, GenerateSpeedFigures reference) {
        StringBuilder out = new StringBuilder();
        for (String mismatch : mismatches(mopo, reference)) {
            out.append("WARNING: the runs differ in ").append(mismatch).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-14s %s  [%s]%n", "mopo:", mopo.summary(), mopo.implementation()));
        out.append(String.format(Locale.ROOT, "%-14s %s  [%s]%n", "transformers:", reference.summary(),
                reference.implementation()));
        out.append(String.format(Locale.ROOT, "mopo / transformers tokens/s: %.2f (above 1: mopo is faster)%n",
                mopo.tokensPerSecond() / reference.tokensPerSecond()));
        if (mopo.peakRssBytes() > 0 && reference.peakRssBytes() > 0) {
            out.append(String.format(Locale.ROOT, "mopo / transformers peak RSS: %.2f%n",
                    mopo.peakRssBytes() / (double) reference.peakRssBytes()));
        }
        return out.toString();
    }

    private static List<String> mismatches(GenerateSpeedFigures mopo, GenerateSpeedFigures reference) {
        List<String> differences = new ArrayList<>();
        if (mopo.threads() != reference.threads()) {
            differences.add("threads: " + mopo.threads() + " vs " + reference.threads());
        }
        if (mopo.batch() != reference.batch() || mopo.promptTokens() != reference.promptTokens()
                || mopo.newTokens() != reference.newTokens()) {
            differences.add(String.format(Locale.ROOT, "batch x (prompt + new tokens): %d x (%d + %d) vs %d x (%d + %d)",
                    mopo.batch(), mopo.promptTokens(), mopo.newTokens(), reference.batch(), reference.promptTokens(),
                    reference.newTokens()));
        }
        if (mopo.parameters() != reference.parameters()) {
            differences.add("parameters: " + mopo.parameters() + " vs " + reference.parameters());
        }
        if (!mopo.model().equals(reference.model())) {
            differences.add("model: " + mopo.model() + " vs " + reference.model());
        }
        return differences;
    }
}
