package dev.mopo.bench.sweep;

import java.io.IOException;

/** Runs a sweep's tasks here, one after another, in the order of {@link Sweep#tasks()}; stops at the first failure. */
public final class LocalExecutor implements SweepExecutor {

    @Override
    public void execute(Sweep sweep, SweepTaskRunner runner) throws IOException {
        for (SweepTask task : sweep.tasks()) {
            runner.run(task);
        }
    }
}
