package dev.mopo.bench.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over prompts: each resample draws as many prompts as there are, with
 * replacement, and takes the statistic over every sample of the drawn prompts (a prompt's samples
 * stay together, since they share the prompt). The interval is the {@code (1 − confidence)/2} and
 * {@code (1 + confidence)/2} quantiles of the resampled statistics, interpolated linearly between
 * order statistics (numpy's default {@code percentile}). The draws come from a seed, so every
 * statistic of an evaluation is resampled with the same prompts (paired) and a repeated evaluation
 * gives the same intervals.
 *
 * @param resamples the number of resamples, at least 1 (default 1000)
 * @param confidence the interval's coverage in (0, 1) (default 0.95)
 */
public record Bootstrap(int resamples, double confidence) {

    /** 1000 resamples, 95% intervals. */
    public static final Bootstrap DEFAULT = new Bootstrap(1000, 0.95);

    /** Checks the settings. */
    public Bootstrap {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1, got " + resamples);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
    }

    /**
     * The mean of every value and its interval.
     *
     * @param perPrompt the values of each prompt's samples, {@code [prompts][samples]}, at least one prompt
     * @param seed the seed of the draws
     */
    public Estimate estimate(double[][] perPrompt, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] draws = new int[resamples][perPrompt.length];
        for (int[] draw : draws) {
            for (int i = 0; i < draw.length; i++) {
                draw[i] = random.nextInt(perPrompt.length);
            }
        }
        return estimate(perPrompt, draws, confidence);
    }

    /** The estimate with given draws: {@code draws[b]} lists the prompts of resample {@code b}. */
    static Estimate estimate(double[][] perPrompt, int[][] draws, double confidence) {
        if (perPrompt.length == 0) {
            throw new IllegalArgumentException("no prompts to estimate from");
        }
        double[] sums = new double[perPrompt.length];
        int[] counts = new int[perPrompt.length];
        double total = 0;
        int count = 0;
        for (int p = 0; p < perPrompt.length; p++) {
            for (double value : perPrompt[p]) {
                sums[p] += value;
            }
            counts[p] = perPrompt[p].length;
            total += sums[p];
            count += counts[p];
        }
        double[] statistics = new double[draws.length];
        for (int b = 0; b < draws.length; b++) {
            double sum = 0;
            int n = 0;
            for (int p : draws[b]) {
                sum += sums[p];
                n += counts[p];
            }
            statistics[b] = sum / n;
        }
        Arrays.sort(statistics);
        return new Estimate(total / count, quantile(statistics, (1 - confidence) / 2),
                quantile(statistics, (1 + confidence) / 2));
    }

    /** The {@code q} quantile of sorted values, interpolated linearly: position {@code (n − 1)·q}. */
    static double quantile(double[] sorted, double q) {
        double position = (sorted.length - 1) * q;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
