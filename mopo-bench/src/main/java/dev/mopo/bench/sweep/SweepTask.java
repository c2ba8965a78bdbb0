package dev.mopo.bench.sweep;

import dev.mopo.bench.eval.Shard;
import java.util.List;

/**
 * A unit of a sweep's work that runs by itself, in its own process if need be
 * ({@code mopo sweep run-task --sweep FILE --task ID}), once the tasks it depends on have finished.
 * Every task is idempotent: run again, it skips or continues what is done. A scheduler runs them
 * through a {@link SweepExecutor}.
 */
public sealed interface SweepTask permits SweepTask.Train, SweepTask.Evaluate, SweepTask.Report {

    /** The task's id: {@code train/NAME}, {@code eval/I-of-N} or {@code report}. */
    String id();

    /** The ids of the tasks that must finish first. */
    List<String> dependsOn();

    /**
     * Train one run to its end: skipped when finished, resumed from its newest checkpoint when
     * interrupted.
     *
     * @param run the run
     */
    record Train(SweepRun run) implements SweepTask {
        @Override
        public String id() {
            return "train/" + run.name();
        }

        @Override
        public List<String> dependsOn() {
            return List.of();
        }
    }

    /**
     * Generate and score one shard of the evaluation of every run's final policy and of the base
     * model, continuing what an earlier attempt left.
     *
     * @param shard the shard
     * @param dependsOn every training task
     */
    record Evaluate(Shard shard, List<String> dependsOn) implements SweepTask {
        /** Copies the dependencies. */
        public Evaluate {
            dependsOn = List.copyOf(dependsOn);
        }

        @Override
        public String id() {
            return "eval/" + shard;
        }
    }

    /**
     * Summarise every shard and write the front report.
     *
     * @param dependsOn every evaluation task
     */
    record Report(List<String> dependsOn) implements SweepTask {
        /** Copies the dependencies. */
        public Report {
            dependsOn = List.copyOf(dependsOn);
        }

        @Override
        public String id() {
            return "report";
        }
    }
}
