package dev.mopo.cli.sweep;

import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.EvaluationListener;
import dev.mopo.bench.sweep.SweepListener;
import dev.mopo.bench.sweep.SweepRun;
import dev.mopo.bench.sweep.SweepTask;
import dev.mopo.cli.eval.ConsoleEvaluation;
import dev.mopo.cli.train.ConsoleProgress;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingListener;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A sweep on the console: a line as each task starts, training progress as {@code mopo train} shows it,
 * evaluation progress as {@code mopo eval} shows it. While it is registered, Ctrl-C asks a running
 * trainer to save a checkpoint and stop (the run resumes on the next invocation) and waits for it.
 */
public final class ConsoleSweep implements SweepListener, AutoCloseable {

    private final Thread hook = new Thread(this::interrupted, "mopo-sweep-stop");
    private volatile Trainer trainer;
    private volatile CountDownLatch trained = new CountDownLatch(0);
    private ConsoleProgress progress;

    /** Registers the Ctrl-C handling. */
    public ConsoleSweep() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override
    public void onTask(SweepTask task, String status) {
        System.err.println(task.id() + ": " + status);
    }

    @Override
    public TrainingListener training(SweepRun run) {
        progress = ConsoleProgress.create(run.config().runtime().loggingSteps());
        return progress;
    }

    @Override
    public void onTrainerOpened(Trainer opened) {
        trained = new CountDownLatch(1);
        trainer = opened;
    }

    @Override
    public void onTrainerClosed() {
        trainer = null;
        progress.close();
        trained.countDown();
    }

    @Override
    public EvaluationListener evaluation() {
        return new ConsoleEvaluation();
    }

    @Override
    public void onSummary(EvalSummary summary, Path report) {
        ConsoleEvaluation.print(summary, System.out);
        System.out.println("report: " + report);
    }

    private void interrupted() {
        Trainer running = trainer;
        if (running == null) {
            System.err.println("mopo: interrupted; finished runs and evaluated samples are kept, and running the same"
                    + " command again continues from there");
            return;
        }
        running.requestStop();
        try {
            trained.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unregisters the Ctrl-C handling. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting because of Ctrl-C: the hook is running
        }
    }
}
