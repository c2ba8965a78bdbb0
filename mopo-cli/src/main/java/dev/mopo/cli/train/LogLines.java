package dev.mopo.cli.train;

import dev.mopo.djl.train.StepRecord;
import java.util.Locale;

/**
 * Progress for a log file: a line every {@code logging_steps} optimiser steps (and at the last),
 * and the reference pass at every tenth of its pairs; nothing is redrawn.
 */
final class LogLines extends ConsoleProgress {

    private final int every;
    private long totalSteps;
    private long startNanos;
    private long firstStep;
    private int referenceTenths = -1;

    LogLines(int loggingSteps) {
        this.every = loggingSteps;
    }

    @Override
    public void onReferenceProgress(int done, int total) {
        int tenths = total == 0 ? 10 : (int) (10L * done / total);
        if (tenths > referenceTenths) {
            referenceTenths = tenths;
            println(String.format(Locale.ROOT, "reference log-probs: %d of %d pairs", done, total));
        }
    }

    @Override
    public void onStart(long first, long total) {
        firstStep = first;
        totalSteps = total;
        startNanos = System.nanoTime();
    }

    @Override
    public void onStep(StepRecord record) {
        long step = record.step();
        if (step % every != 0 && step != totalSteps) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double perStep = seconds / Math.max(1, step - firstStep);
        long left = Math.round(perStep * (totalSteps - step));
        println(String.format(Locale.ROOT, "step %d/%d (%d%%) %s | %.2f s/step, eta %d:%02d:%02d", step, totalSteps,
                100 * step / Math.max(1, totalSteps), summary(record), perStep, left / 3600, left / 60 % 60, left % 60));
    }

    @Override
    protected void println(String line) {
        out.println(line);
    }

    @Override
    public void close() {
        out.flush();
    }
}
