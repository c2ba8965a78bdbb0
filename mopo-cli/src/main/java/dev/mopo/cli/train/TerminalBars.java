package dev.mopo.cli.train;

import dev.mopo.djl.train.StepRecord;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress bars with ETA for the reference pass and the optimiser steps, as wide as the terminal. */
final class TerminalBars extends ConsoleProgress {

    private ProgressBar reference;
    private ProgressBar training;

    @Override
    public void onReferenceProgress(int done, int total) {
        if (reference == null) {
            reference = bar("reference log-probs", total, " pairs");
        }
        reference.stepTo(done);
        if (done >= total) {
            reference.close();
            reference = null;
        }
    }

    @Override
    public void onStart(long firstStep, long totalSteps) {
        if (training != null) {
            training.close();
        }
        training = bar("train", totalSteps, " steps");
        training.stepTo(firstStep);
    }

    @Override
    public void onStep(StepRecord record) {
        training.setExtraMessage(" " + summary(record));
        training.stepTo(record.step());
    }

    @Override
    protected void println(String line) {
        out.println();
        out.println(line);
    }

    private static ProgressBar bar(String task, long total, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1)
                .showSpeed()
                .build();
    }

    @Override
    public void close() {
        if (reference != null) {
            reference.close();
            reference = null;
        }
        if (training != null) {
            training.close();
            training = null;
        }
    }
}
