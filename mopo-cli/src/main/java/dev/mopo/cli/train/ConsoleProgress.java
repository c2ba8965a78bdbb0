package dev.mopo.cli.train;

import dev.mopo.djl.train.EvalRecord;
import dev.mopo.djl.train.StepRecord;
import dev.mopo.djl.train.TrainingListener;
import java.nio.file.Path;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training on the console: a progress bar for the reference pass, one for the optimiser steps
 * with ETA and the latest loss and multipliers, and warnings and evaluations as plain lines.
 */
public final class ConsoleProgress implements TrainingListener, AutoCloseable {

    private static final int LOG_LINE_WIDTH = 160;

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
        StringBuilder message = new StringBuilder();
        if (Double.isFinite(record.loss())) {
            message.append(String.format(Locale.ROOT, "loss %.4f", record.loss()));
        }
        if (record.dual() != null) {
            record.dual().lambda().forEach((name, lambda) ->
                    message.append(String.format(Locale.ROOT, " λ[%s] %.3f", name, lambda)));
        }
        training.setExtraMessage(" " + message);
        training.stepTo(record.step());
    }

    @Override
    public void onEvaluation(EvalRecord record) {
        StringBuilder line = new StringBuilder("eval at step " + record.step() + ": pairs=" + record.pairs());
        line.append(String.format(Locale.ROOT, " loss=%.4g", record.loss()));
        record.lossMetrics().forEach((name, value) -> line.append(String.format(Locale.ROOT, " %s=%.4g", name, value)));
        record.winRates().forEach((name, value) ->
                line.append(String.format(Locale.ROOT, " win_rate/%s=%.4g", name, value)));
        line.append(String.format(Locale.ROOT, " ess=%.4g", record.ess()));
        println(line.toString());
    }

    @Override
    public void onCheckpoint(Path folder) {
        println("checkpoint written: " + folder);
    }

    @Override
    public void onWarning(String message) {
        println("warning: " + message);
    }

    private void println(String line) {
        System.err.println();
        System.err.println(line);
    }

    /**
     * A bar as wide as the terminal; when the output is not a terminal (a log file, CI), wide
     * enough that the loss and every multiplier fit rather than the library's 80 columns.
     */
    private static ProgressBar bar(String task, long total, String unit) {
        return new ProgressBarBuilder()
                .setMaxRenderedLength(System.console() == null ? LOG_LINE_WIDTH : -1)
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
        }
        if (training != null) {
            training.close();
        }
    }
}
