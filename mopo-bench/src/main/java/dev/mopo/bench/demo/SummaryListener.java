package dev.mopo.bench.demo;

import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.EvaluationListener;
import dev.mopo.bench.sweep.SweepListener;
import dev.mopo.bench.sweep.SweepRun;
import dev.mopo.bench.sweep.SweepTask;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingListener;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Hands everything to another listener, and the sweep's summary also to {@code onSummary}. */
final class SummaryListener implements SweepListener {

    private final SweepListener delegate;
    private final Consumer<EvalSummary> onSummary;

    SummaryListener(SweepListener delegate, Consumer<EvalSummary> onSummary) {
        this.delegate = delegate;
        this.onSummary = onSummary;
    }

    @Override
    public void onTask(SweepTask task, String status) {
        delegate.onTask(task, status);
    }

    @Override
    public TrainingListener training(SweepRun run) {
        return delegate.training(run);
    }

    @Override
    public void onTrainerOpened(Trainer trainer) {
        delegate.onTrainerOpened(trainer);
    }

    @Override
    public void onTrainerClosed() {
        delegate.onTrainerClosed();
    }

    @Override
    public EvaluationListener evaluation() {
        return delegate.evaluation();
    }

    @Override
    public void onSummary(EvalSummary summary, Path report) {
        onSummary.accept(summary);
        delegate.onSummary(summary, report);
    }
}
