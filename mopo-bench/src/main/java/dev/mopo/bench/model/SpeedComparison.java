package dev.mopo.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** mopo's speed figures next to a reference run's (PyTorch eager with transformers), with the ratio. */
public final class SpeedComparison {

    private SpeedComparison() {}

    /** The comparison lines, with a warning for every setting in which the two runs differ. */
    public static String format(SpeedFigures mopo, SpeedFigures reference) {
        StringBuilder out = new StringBuilder();
        for (String mismatch : mismatches(mopo, reference)) {
            out.append("WARNING: the runs differ in ").append(mismatch).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-10s %s%n", "mopo:", mopo.summary()));
        out.append(String.format(Locale.ROOT, "%-10s %s  [%s]%n", "reference:", reference.summary(),
                reference.implementation()));
        out.append(String.format(Locale.ROOT, "mopo / reference tokens/s: %.2f (above 1: mopo is faster)%n",
                mopo.tokensPerSecond() / reference.tokensPerSecond()));
        out.append(String.format(Locale.ROOT, "mopo / reference peak RSS: %.2f%n",
                mopo.peakRssBytes() / (double) reference.peakRssBytes()));
        return out.toString();
    }

    private static List<String> mismatches(SpeedFigures mopo, SpeedFigures reference) {
        List<String> differences = new ArrayList<>();
        if (mopo.threads() != reference.threads()) {
            differences.add("threads: " + mopo.threads() + " vs " + reference.threads());
        }
        if (mopo.batch() != reference.batch() || mopo.sequence() != reference.sequence()) {
            differences.add("batch x sequence: " + mopo.batch() + "x" + mopo.sequence() + " vs " + reference.batch()
                    + "x" + reference.sequence());
        }
        if (mopo.parameters() != reference.parameters()) {
            differences.add("parameters: " + mopo.parameters() + " vs " + reference.parameters());
        }
        return differences;
    }
}
