package dev.mopo.bench.sweep;

import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.Evaluation;
import dev.mopo.bench.eval.PolicySpec;
import dev.mopo.bench.eval.Shard;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingSession;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one task of a sweep, idempotently; see {@link SweepTask}. */
public final class SweepTaskRunner {

    private final Sweep sweep;
    private final SweepListener listener;

    /** A runner of {@code sweep}'s tasks reporting to {@code listener}. */
    public SweepTaskRunner(Sweep sweep, SweepListener listener) {
        this.sweep = sweep;
        this.listener = listener;
    }

    /**
     * Runs {@code task}.
     *
     * @throws IllegalArgumentException for an evaluation whose runs have not all finished, or bad settings
     */
    public void run(SweepTask task) throws IOException {
        if (task instanceof SweepTask.Train train) {
            train(train);
        } else if (task instanceof SweepTask.Evaluate evaluate) {
            evaluate(evaluate);
        } else {
            report(task);
        }
    }

    private void train(SweepTask.Train task) throws IOException {
        SweepRun run = task.run();
        RunStatus status = RunStatus.of(run.config());
        if (status.state() == RunStatus.State.FINISHED) {
            listener.onTask(task, "skipped: finished (" + status.checkpoint().getFileName() + ")");
            return;
        }
        boolean resume = status.state() == RunStatus.State.PARTIAL;
        listener.onTask(task, resume ? "resumes from " + status.checkpoint().getFileName() : "trains from the start");
        try (Trainer trainer = TrainingSession.open(run.config(), resume, listener.training(run))) {
            listener.onTrainerOpened(trainer);
            try {
                Path last = trainer.fit();
                if (last != null && RunStatus.step(last) >= trainer.totalSteps()) {
                    RunStatus.markFinished(run.folder(), last);
                }
            } finally {
                listener.onTrainerClosed();
            }
        }
    }

    private void evaluate(SweepTask.Evaluate task) throws IOException {
        List<PolicySpec> policies = new ArrayList<>();
        for (SweepRun run : sweep.runs()) {
            RunStatus status = RunStatus.of(run.config());
            if (status.state() != RunStatus.State.FINISHED) {
                throw new IllegalArgumentException("run " + run.name() + " has not finished (" + run.folder()
                        + "); run its task train/" + run.name() + " first");
            }
            policies.add(new PolicySpec(run.name(), status.checkpoint()));
        }
        listener.onTask(task, "evaluates " + policies.size() + " runs and the base model");
        Evaluation.runShard(policies, reference(), sweep.evaluation(), task.shard(), sweep.shardFolder(task.shard()),
                listener.evaluation());
    }

    private void report(SweepTask task) throws IOException {
        listener.onTask(task, "writes " + sweep.output().resolve("report.html"));
        List<Path> shards = new ArrayList<>();
        for (int i = 0; i < sweep.evalShards(); i++) {
            shards.add(sweep.shardFolder(new Shard(i, sweep.evalShards())));
        }
        List<String> runs = sweep.runs().stream().map(SweepRun::name).toList();
        EvalSummary summary = Evaluation.report(shards, Sweep.REFERENCE, runs, sweep.evaluation().bootstrap(),
                sweep.output());
        listener.onSummary(summary, sweep.output().resolve("report.html"));
    }

    private PolicySpec reference() {
        return new PolicySpec(Sweep.REFERENCE, sweep.base().model().model());
    }
}
