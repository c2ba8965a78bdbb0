package dev.mopo.bench.sweep;

import dev.mopo.bench.eval.Evaluation;
import dev.mopo.bench.eval.Shard;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submits a sweep to SLURM as up to three job arrays, each task running
 * {@code COMMAND sweep run-task --sweep FILE --task ID}: the unfinished training runs (one task each),
 * then the evaluation shards once every training task has succeeded ({@code --dependency=afterok}),
 * then the report once every shard has. Nothing waits here: the scheduler runs the jobs. What is
 * finished is not submitted again — finished runs, and finished shards when no run is trained —
 * and an interrupted run resumes from its checkpoint, so submitting a sweep again, after a failure
 * or a {@code scancel}, finishes it without losing or repeating work.
 *
 * <p>Run folders, the sweep file and the logs ({@code OUTPUT/slurm/logs}) must be on a file system
 * every node sees. {@code OUTPUT/slurm/jobs.json} records the jobs for {@code mopo sweep status}.
 */
public final class SlurmExecutor implements SweepExecutor {

    private static final String DRY_RUN_ID = "<job id of the %s array>";

    private final Path sweepFile;
    private final List<String> command;
    private final SlurmResources resources;
    private final Slurm slurm;
    private final PrintStream out;
    private final boolean dryRun;

    /**
     * An executor submitting with {@code slurm}.
     *
     * @param sweepFile the sweep file the tasks read, on the shared file system
     * @param command the command that, followed by {@code sweep run-task ...}, runs a task on a node
     * @param resources what each task asks for
     * @param slurm the scheduler
     * @param out where the submitted jobs (or, with {@code dryRun}, the scripts) are printed
     * @param dryRun print the batch scripts instead of submitting them
     */
    public SlurmExecutor(Path sweepFile, List<String> command, SlurmResources resources, Slurm slurm, PrintStream out,
            boolean dryRun) {
        this.sweepFile = sweepFile.toAbsolutePath().normalize();
        this.command = List.copyOf(command);
        this.resources = resources;
        this.slurm = slurm;
        this.out = out;
        this.dryRun = dryRun;
    }

    /** The folder of a sweep's SLURM files: {@code OUTPUT/slurm}. */
    public static Path folder(Sweep sweep) {
        return sweep.output().resolve("slurm");
    }

    /** The folder of a sweep's task logs: {@code OUTPUT/slurm/logs}. */
    public static Path logs(Sweep sweep) {
        return folder(sweep).resolve("logs");
    }

    /** Submits the unfinished tasks of {@code sweep}; {@code runner} is not used, as each job runs its own. */
    @Override
    public void execute(Sweep sweep, SweepTaskRunner runner) throws IOException {
        if (logs(sweep).toString().matches(".*[\\s%].*")) {
            throw new IllegalArgumentException("the sweep's output folder " + sweep.output() + " holds a space or a %,"
                    + " which sbatch's --output cannot take; choose an output folder without them (output: in the"
                    + " sweep file)");
        }
        List<String> trainings = new ArrayList<>();
        List<Integer> unfinished = new ArrayList<>();
        List<SweepRun> runs = sweep.runs();
        for (int i = 0; i < runs.size(); i++) {
            trainings.add(new SweepTask.Train(runs.get(i)).id());
            if (RunStatus.of(runs.get(i).config()).state() != RunStatus.State.FINISHED) {
                unfinished.add(i);
            }
        }
        List<String> shards = new ArrayList<>();
        List<Integer> shardsToRun = new ArrayList<>();
        for (int i = 0; i < sweep.evalShards(); i++) {
            Shard shard = new Shard(i, sweep.evalShards());
            shards.add("eval/" + shard);
            if (!unfinished.isEmpty() || !Evaluation.shardFinished(sweep.shardFolder(shard))) {
                shardsToRun.add(i);
            }
        }
        boolean report = !shardsToRun.isEmpty() || !Files.isRegularFile(sweep.output().resolve("summary.json"));
        out.println("sweep " + sweep.output() + ": " + unfinished.size() + " of " + runs.size() + " runs to train, "
                + shardsToRun.size() + " of " + shards.size() + " evaluation shards to run"
                + (report ? ", then the report" : "; the report is written"));
        if (!dryRun) {
            refuseWhileQueued(sweep);
            Files.createDirectories(logs(sweep));
        }
        Map<String, String> submitted = new LinkedHashMap<>();
        String trainJob = unfinished.isEmpty() ? null
                : submit(sweep, new SlurmJob("train", trainings, unfinished, resources, null), submitted);
        String evalJob = shardsToRun.isEmpty() ? null
                : submit(sweep, new SlurmJob("eval", shards, shardsToRun, resources, trainJob), submitted);
        if (report) {
            submit(sweep, new SlurmJob("report", List.of("report"), List.of(0), resources.light(), evalJob),
                    submitted);
        }
        if (!dryRun && !submitted.isEmpty()) {
            SubmittedJobs.record(folder(sweep), submitted);
            out.println("logs: " + logs(sweep) + "; `mopo sweep status --sweep " + sweepFile + "` shows the progress");
        }
    }

    /** Refuses to submit tasks of {@code sweep} again while its earlier jobs are queued: they would race. */
    private void refuseWhileQueued(Sweep sweep) throws IOException {
        Map<String, String> queue = slurm.queue().orElse(Map.of());
        List<String> queued = new ArrayList<>();
        SubmittedJobs.read(folder(sweep)).forEach((task, job) -> {
            if (queue.containsKey(job)) {
                queued.add(task + " (" + job + ")");
            }
        });
        if (!queued.isEmpty()) {
            throw new IllegalArgumentException("the sweep's earlier jobs are still queued or running: "
                    + String.join(", ", queued) + "; wait for them, or scancel them, then submit again");
        }
    }

    /** Submits {@code job} (or prints its script), records its tasks in {@code submitted}; its id. */
    private String submit(Sweep sweep, SlurmJob job, Map<String, String> submitted) throws IOException {
        String name = sweep.output().getFileName().toString();
        String script = job.script(name, command, sweepFile, logs(sweep));
        if (dryRun) {
            out.println("---- " + job.kind() + " job (" + tasks(job) + ") ----");
            out.print(script);
            return String.format(DRY_RUN_ID, job.kind());
        }
        String id = slurm.submit(script);
        for (int index : job.indexes()) {
            submitted.put(job.tasks().get(index), id + "_" + index);
        }
        out.println("submitted " + job.kind() + " job " + id + " (" + tasks(job)
                + (job.dependency() == null ? "" : ", after job " + job.dependency()) + ")");
        return id;
    }

    private static String tasks(SlurmJob job) {
        return job.indexes().size() + (job.indexes().size() == 1 ? " task" : " tasks");
    }
}
