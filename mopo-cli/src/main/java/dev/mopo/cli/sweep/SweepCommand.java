package dev.mopo.cli.sweep;

import dev.mopo.bench.sweep.LocalExecutor;
import dev.mopo.bench.sweep.RunStatus;
import dev.mopo.bench.sweep.Sweep;
import dev.mopo.bench.sweep.SweepMethod;
import dev.mopo.bench.sweep.SweepRun;
import dev.mopo.bench.sweep.SweepTask;
import dev.mopo.bench.sweep.SweepTaskRunner;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo sweep}: train every run of a sweep file, evaluate them all, write the front report. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = SweepCommand.RunTask.class,
        description = {"Train the runs of a sweep file one after another, evaluate them all against the base model"
                + " with the code of `mopo eval`, and write the front report (summary.json, summary.csv, report.html)"
                + " into the sweep's output folder.",
            "The file names a `mopo train` YAML as its base, the losses with their points (mopo: thresholds; dpo-ls,"
                + " ipo-ls, modpo: loss_weights; mopo-fixed: lambdas; plain losses: none), seeds, and the evaluation"
                + " (the keys of `mopo eval`'s flags: samples, max_new_tokens, scorers, ...; prompts default to the"
                + " base corpus's held-out split):",
            "  base: run.yaml",
            "  methods: [{loss: mopo, thresholds: [{harmless: 0.55}]}, {loss: dpo}]",
            "  seeds: [1, 2]",
            "  evaluation: {samples: 2, scorers: [\"java:concise\"]}",
            "Runs live in OUTPUT/runs/NAME, named from their settings (mopo-harmless0.55-seed1): a finished run is not"
                + " trained again, an interrupted one resumes, and a finished evaluation is not repeated, so running"
                + " the command again continues a sweep. Each task can also run by itself (`mopo sweep run-task`)."})
public final class SweepCommand implements Callable<Integer> {

    @Option(names = {"--sweep", "--config"}, paramLabel = "FILE", description = "The sweep file (YAML; required).")
    private Path file;

    @Option(names = "--dry-run", description = "List the runs, their status and the tasks, and exit.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (file == null) {
            throw new IllegalArgumentException("give the sweep file: mopo sweep --sweep FILE");
        }
        Sweep sweep = SweepFile.read(file);
        if (dryRun) {
            list(sweep, System.out);
            return 0;
        }
        try (ConsoleSweep console = new ConsoleSweep()) {
            new LocalExecutor().execute(sweep, new SweepTaskRunner(sweep, console));
        }
        return 0;
    }

    /** The runs (name, loss, point, seed, status) and the tasks with their dependencies. */
    static void list(Sweep sweep, PrintStream out) throws IOException {
        out.println("sweep " + sweep.output() + ": " + sweep.runs().size() + " runs, evaluated in "
                + sweep.evalShards() + " shard(s) against the base model " + sweep.base().model().model());
        String row = "%-40s  %-10s  %-36s  %-6s  %s%n";
        out.printf(Locale.ROOT, row, "run", "loss", "point", "seed", "status");
        for (SweepRun run : sweep.runs()) {
            TrainConfig config = run.config();
            String setting = SweepMethod.settingOf(config.loss().loss());
            String point = setting == null ? "" : setting + " " + (setting.equals("thresholds")
                    ? config.loss().thresholds() : setting.equals("lambdas") ? config.loss().lambdas()
                    : config.loss().lossWeights());
            RunStatus status = RunStatus.of(config);
            out.printf(Locale.ROOT, row, run.name(), config.loss().loss(), point, config.runtime().seed(),
                    status.state().name().toLowerCase(Locale.ROOT) + (status.checkpoint() == null ? ""
                            : " (" + status.checkpoint().getFileName() + ")"));
        }
        out.println("tasks:");
        for (SweepTask task : sweep.tasks()) {
            out.println("  " + task.id() + (task.dependsOn().isEmpty() ? ""
                    : "  after " + (task.dependsOn().size() == 1 ? task.dependsOn().get(0)
                            : task.dependsOn().size() + " tasks")));
        }
    }

    /** {@code mopo sweep run-task}: one task of a sweep, for a scheduler. */
    @Command(name = "run-task", mixinStandardHelpOptions = true,
            description = {"Run one task of a sweep by itself: train/NAME (train one run, or resume it; nothing when"
                    + " finished), eval/I-of-N (one shard of the evaluation, once every run has finished; continues"
                    + " what is there) or report (once every shard has finished). Tasks are idempotent; `mopo sweep"
                    + " --dry-run` lists them with their dependencies."})
    static final class RunTask implements Callable<Integer> {

        @Option(names = {"--sweep", "--config"}, paramLabel = "FILE", required = true, description = "The sweep file.")
        private Path file;

        @Option(names = "--task", paramLabel = "ID", required = true, description = "The task's id.")
        private String task;

        @Override
        public Integer call() throws Exception {
            Sweep sweep = SweepFile.read(file);
            SweepTask chosen = sweep.task(task);
            try (ConsoleSweep console = new ConsoleSweep()) {
                new SweepTaskRunner(sweep, console).run(chosen);
            }
            return 0;
        }
    }
}
