package dev.mopo.bench.sweep;

import dev.mopo.bench.eval.Evaluation;
import dev.mopo.bench.eval.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where each task of a sweep stands, from its folder and, for tasks submitted to SLURM, the
 * scheduler: {@code done} when its folder says so (a run's final checkpoint, a shard's every
 * sample, a summary newer than every shard), {@code pending} or {@code running} while its job is
 * queued, {@code failed} when its job left the queue without finishing the work (the detail names
 * the log), and {@code pending} for a task never submitted.
 *
 * @param task the task's id
 * @param state the state
 * @param detail what backs the state: a checkpoint, a job id, the accounting's final state, a log file
 */
public record SweepStatus(String task, State state, String detail) {

    /** The states of a task. */
    public enum State {
        /** Waiting: queued, or not submitted. */
        PENDING,
        /** Its job runs. */
        RUNNING,
        /** Its work is in its folder. */
        DONE,
        /** Its job ended without finishing the work. */
        FAILED
    }

    /** The status of every task of {@code sweep}, in the order of {@link Sweep#tasks()}. */
    public static List<SweepStatus> of(Sweep sweep, Slurm slurm) throws IOException {
        Map<String, String> jobs = SubmittedJobs.read(SlurmExecutor.folder(sweep));
        Optional<Map<String, String>> queue = jobs.isEmpty() ? Optional.of(Map.of()) : slurm.queue();
        Map<String, String> accounting = null;
        List<SweepStatus> statuses = new ArrayList<>();
        for (SweepTask task : sweep.tasks()) {
            Done done = done(sweep, task);
            String job = jobs.get(task.id());
            if (done.done()) {
                statuses.add(new SweepStatus(task.id(), State.DONE, done.detail()));
            } else if (job == null) {
                statuses.add(new SweepStatus(task.id(), State.PENDING, "not submitted" + (done.detail().isEmpty() ? ""
                        : "; " + done.detail())));
            } else if (queue.isEmpty()) {
                statuses.add(new SweepStatus(task.id(), State.PENDING, "submitted as job " + job
                        + "; the queue cannot be read here (no squeue, or no controller answering)"));
            } else if (queue.get().containsKey(job)) {
                String state = queue.get().get(job);
                boolean running = state.equals("RUNNING") || state.equals("COMPLETING") || state.equals("CONFIGURING");
                statuses.add(new SweepStatus(task.id(), running ? State.RUNNING : State.PENDING, "job " + job + " "
                        + state.toLowerCase(Locale.ROOT)));
            } else {
                if (accounting == null) {
                    accounting = slurm.accounting(jobs.values().stream().map(id -> id.replaceFirst("_.*", ""))
                            .distinct().toList());
                }
                String ended = accounting.get(job);
                statuses.add(new SweepStatus(task.id(), State.FAILED, "job " + job + (ended == null ? " ended"
                        : " " + ended.toLowerCase(Locale.ROOT)) + " without finishing"
                        + (done.detail().isEmpty() ? "" : " (" + done.detail() + ")") + "; log: "
                        + SlurmJob.logFile(SlurmExecutor.logs(sweep), task.id())));
            }
        }
        return statuses;
    }

    /** Whether a task's folder holds its finished work, and what it holds. */
    private record Done(boolean done, String detail) {}

    private static Done done(Sweep sweep, SweepTask task) throws IOException {
        if (task instanceof SweepTask.Train train) {
            RunStatus status = RunStatus.of(train.run().config());
            return switch (status.state()) {
                case FINISHED -> new Done(true, status.checkpoint().getFileName().toString());
                case PARTIAL -> new Done(false, "resumes from " + status.checkpoint().getFileName());
                case NEW -> new Done(false, "");
            };
        }
        if (task instanceof SweepTask.Evaluate evaluate) {
            Path folder = sweep.shardFolder(evaluate.shard());
            boolean finished = Evaluation.shardFinished(folder);
            return new Done(finished, finished ? folder.toString() : "");
        }
        Path summary = sweep.output().resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return new Done(false, "");
        }
        FileTime written = Files.getLastModifiedTime(summary);
        for (int i = 0; i < sweep.evalShards(); i++) {
            Path folder = sweep.shardFolder(new Shard(i, sweep.evalShards()));
            Path samples = folder.resolve("samples.jsonl");
            if (!Evaluation.shardFinished(folder)
                    || Files.isRegularFile(samples) && Files.getLastModifiedTime(samples).compareTo(written) > 0) {
                return new Done(false, "summary.json is older than the evaluation");
            }
        }
        return new Done(true, summary.toString());
    }
}
