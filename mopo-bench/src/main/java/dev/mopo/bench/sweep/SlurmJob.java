package dev.mopo.bench.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One SLURM job array of a sweep: the tasks of one kind (trainings, evaluation shards, the report),
 * array index {@code i} running task {@code tasks.get(i)} with {@code mopo sweep run-task}, so that
 * a scheduled task runs the very code the local executor runs. Each task appends its output to
 * {@link #logFile}; the job's own output ({@code slurm-JOB_INDEX.out}) holds what the scheduler says.
 *
 * @param kind {@code train}, {@code eval} or {@code report}: the job's name is {@code mopo-SWEEP-KIND}
 * @param tasks every task id of this kind, in order: the array indexes refer to it
 * @param indexes the array indexes to run (the unfinished tasks), at least one
 * @param resources what each task asks for
 * @param dependency the job id whose every task must succeed first ({@code afterok}), or null
 */
public record SlurmJob(String kind, List<String> tasks, List<Integer> indexes, SlurmResources resources,
        String dependency) {

    /** Copies the lists; checks that every index names a task. */
    public SlurmJob {
        tasks = List.copyOf(tasks);
        indexes = List.copyOf(indexes);
        if (indexes.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " job needs at least one task");
        }
        for (int index : indexes) {
            if (index < 0 || index >= tasks.size()) {
                throw new IllegalArgumentException(kind + " job: index " + index + " names no task");
            }
        }
    }

    /** The file task {@code taskId}'s output is appended to: {@code LOGS/train-NAME.log}, {@code LOGS/eval-0-of-2.log}. */
    public static Path logFile(Path logs, String taskId) {
        return logs.resolve(taskId.replace('/', '-') + ".log");
    }

    /**
     * The batch script.
     *
     * @param sweepName the sweep's name, for the job name
     * @param command the command that, followed by {@code sweep run-task --sweep FILE --task ID}, runs a task
     *     (e.g. {@code java -cp ... dev.mopo.cli.MopoCommand}); the same on every node
     * @param sweepFile the sweep file, on the shared file system
     * @param logs the folder of the logs, on the shared file system
     */
    public String script(String sweepName, List<String> command, Path sweepFile, Path logs) {
        StringBuilder script = new StringBuilder("#!/bin/bash\n");
        List<String> options = new ArrayList<>();
        options.add("--job-name=mopo-" + sweepName + "-" + kind);
        options.add("--array=" + indexes.stream().map(String::valueOf).collect(Collectors.joining(",")));
        options.add("--output=" + logs.resolve("slurm-%A_%a.out"));
        options.add("--open-mode=append");
        options.addAll(resources.options());
        if (dependency != null) {
            options.add("--dependency=afterok:" + dependency);
            options.add("--kill-on-invalid-dep=yes");
        }
        for (String option : options) {
            script.append("#SBATCH ").append(option).append('\n');
        }
        script.append("# mopo sweep ").append(sweepFile).append(": ").append(kind).append(" tasks. Each is idempotent"
                + " (its folder says what is done), so a task run again skips or continues its work.\n");
        script.append("set -eu\n");
        script.append("tasks=(").append(tasks.stream().map(SlurmJob::quote).collect(Collectors.joining(" ")))
                .append(")\n");
        script.append("task=\"${tasks[$SLURM_ARRAY_TASK_ID]}\"\n");
        script.append("log=").append(quote(logs.toString())).append("/\"${task//\\//-}.log\"\n");
        script.append("echo \"== $(date -u +%Y-%m-%dT%H:%M:%SZ) job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
                + " on $(hostname): $task\" >> \"$log\"\n");
        List<String> words = new ArrayList<>(command);
        words.addAll(List.of("sweep", "run-task", "--sweep", sweepFile.toString(), "--task"));
        script.append("exec ").append(words.stream().map(SlurmJob::quote).collect(Collectors.joining(" ")))
                .append(" \"$task\" >> \"$log\" 2>&1\n");
        return script.toString();
    }

    /** {@code word} in single quotes, as bash reads it back. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
