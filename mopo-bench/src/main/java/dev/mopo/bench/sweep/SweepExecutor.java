package dev.mopo.bench.sweep;

import java.io.IOException;

/**
 * Runs a sweep's tasks: {@link LocalExecutor} one after another in this process. Another executor
 * (a SLURM one, say) would submit each task of {@link Sweep#tasks()} as a job running
 * {@code mopo sweep run-task --sweep FILE --task ID}, with {@link SweepTask#dependsOn()} as its job
 * dependencies; tasks are idempotent, so a failed job is simply submitted again.
 */
public interface SweepExecutor {

    /** Runs every task of {@code sweep} with {@code runner}, each after the ones it depends on. */
    void execute(Sweep sweep, SweepTaskRunner runner) throws IOException;
}
