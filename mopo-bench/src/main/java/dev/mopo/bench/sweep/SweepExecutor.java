package dev.mopo.bench.sweep;

import java.io.IOException;

/**
 * Runs a sweep's tasks: {@link LocalExecutor} one after another in this process,
 * {@link SlurmExecutor} as SLURM jobs, each running {@code mopo sweep run-task --sweep FILE --task ID}
 * (the same {@link SweepTaskRunner} code) once the tasks of {@link SweepTask#dependsOn()} have
 * finished; tasks are idempotent, so a failed job is simply submitted again.
 */
public interface SweepExecutor {

    /** Runs every task of {@code sweep} with {@code runner}, each after the ones it depends on. */
    void execute(Sweep sweep, SweepTaskRunner runner) throws IOException;
}
