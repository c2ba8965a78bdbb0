package dev.mopo.cli.sweep;

import dev.mopo.bench.sweep.LocalExecutor;
import dev.mopo.bench.sweep.RunStatus;
import dev.mopo.bench.sweep.SlurmCommands;
import dev.mopo.bench.sweep.SlurmExecutor;
import dev.mopo.bench.sweep.Sweep;
import dev.mopo.bench.sweep.SweepListener;
import dev.mopo.bench.sweep.SweepMethod;
import dev.mopo.bench.sweep.SweepRun;
import dev.mopo.bench.sweep.SweepStatus;
import dev.mopo.bench.sweep.SweepTask;
import dev.mopo.bench.sweep.SweepTaskRunner;
import dev.mopo.cli.MopoCommand;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo sweep}: train every run of a sweep file, evaluate them all, write the front report. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {SweepCommand.Status.class, SweepCommand.RunTask.class},
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
                + " the command again continues a sweep. Each task can also run by itself (`mopo sweep run-task`).",
            "With --executor slurm the command submits the sweep to SLURM and returns: the unfinished runs as one job"
                + " array (one task per run), the evaluation shards (eval_shards) as a second array that starts when"
                + " every run has finished, the report as a third. Each task asks for the file's `slurm:` block"
                + " (partition, gpus, cpus, memory, time, sbatch_options); run folders must be on a file system every"
                + " node sees. `mopo sweep status` shows the progress; submitting again finishes a failed or"
                + " cancelled sweep."})
public final class SweepCommand implements Callable<Integer> {

    @Option(names = {"--sweep", "--config"}, paramLabel = "FILE", description = "The sweep file (YAML; required).")
    private Path file;

    @Option(names = "--executor", paramLabel = "KIND", description = "local (default: every task here, one after"
            + " another) or slurm (submit the tasks as job arrays).")
    private String executor = "local";

    @Option(names = "--dry-run", description = "List the runs, their status and the tasks (with --executor slurm: print"
            + " the batch scripts instead of submitting them), and exit.")
    private boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (file == null) {
            throw new IllegalArgumentException("give the sweep file: mopo sweep --sweep FILE");
        }
        Sweep sweep = SweepFile.read(file);
        if (executor.equals("slurm")) {
            SlurmExecutor slurm = new SlurmExecutor(file, ThisJava.command(MopoCommand.class),
                    SweepFile.slurmResources(file), new SlurmCommands(), System.out, dryRun);
            slurm.execute(sweep, new SweepTaskRunner(sweep, new SweepListener() {}));
            return 0;
        }
        if (!executor.equals("local")) {
            throw new IllegalArgumentException("--executor: '" + executor + "' is not an executor; choose local or"
                    + " slurm");
        }
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

    /** {@code mopo sweep status}: where each task stands. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Print where each task of a sweep stands: done (its folder holds the finished work),"
                    + " running or pending (its SLURM job is queued, or it was never submitted), failed (its job left"
                    + " the queue without finishing; the line names its log). Reads the run and evaluation folders,"
                    + " and squeue and sacct where they are installed."})
    static final class Status implements Callable<Integer> {

        @Option(names = {"--sweep", "--config"}, paramLabel = "FILE", required = true, description = "The sweep file.")
        private Path file;

        @Override
        public Integer call() throws Exception {
            Sweep sweep = SweepFile.read(file);
            List<SweepStatus> statuses = SweepStatus.of(sweep, new SlurmCommands());
            Map<SweepStatus.State, Integer> counts = new EnumMap<>(SweepStatus.State.class);
            String row = "%-44s  %-8s  %s%n";
            System.out.printf(Locale.ROOT, row, "task", "state", "detail");
            for (SweepStatus status : statuses) {
                counts.merge(status.state(), 1, Integer::sum);
                System.out.printf(Locale.ROOT, row, status.task(), status.state().name().toLowerCase(Locale.ROOT),
                        status.detail());
            }
            List<String> totals = new ArrayList<>();
            counts.forEach((state, count) -> totals.add(count + " " + state.name().toLowerCase(Locale.ROOT)));
            System.out.println(statuses.size() + " tasks: " + String.join(", ", totals));
            return 0;
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
