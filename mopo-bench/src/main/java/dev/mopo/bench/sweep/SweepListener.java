package dev.mopo.bench.sweep;

import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.EvaluationListener;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingListener;
import java.nio.file.Path;

/** What a sweep tells the outside world as its tasks run; every method has a default that does nothing. */
public interface SweepListener {

    /** A task starts; {@code status} says what it will do ("trains from the start", "skipped: finished", ...). */
    default void onTask(SweepTask task, String status) {}

    /** Where a run's training reports its progress. */
    default TrainingListener training(SweepRun run) {
        return new TrainingListener() {};
    }

    /** A run's trainer is open (so that, say, Ctrl-C can ask it to stop after its step). */
    default void onTrainerOpened(Trainer trainer) {}

    /** The trainer announced by {@link #onTrainerOpened} is done. */
    default void onTrainerClosed() {}

    /** Where the evaluation reports its progress. */
    default EvaluationListener evaluation() {
        return new EvaluationListener() {};
    }

    /** The report task wrote {@code report} (and summary.json, summary.csv beside it) for {@code summary}. */
    default void onSummary(EvalSummary summary, Path report) {}
}
