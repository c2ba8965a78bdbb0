package dev.mopo.bench.sweep;

import dev.mopo.bench.eval.EvalSettings;
import dev.mopo.bench.eval.Shard;
import dev.mopo.djl.train.config.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep: training runs that differ from one base configuration in the loss, its points and the
 * seed, then one evaluation of every run's final policy against the base model. Each run is the
 * base configuration ({@link TrainConfig#toBuilder()}, so every setting carries over) with the
 * method's loss and point, the seed, and the output folder {@code OUTPUT/runs/NAME}.
 *
 * <pre>{@code
 * Sweep sweep = new Sweep(base,                                 // a TrainConfig: model, corpus, steps...
 *         List.of(SweepMethod.mopo(List.of(Map.of("harmless", 0.55), Map.of("harmless", 0.65))),
 *                 SweepMethod.plain(LossKind.DPO)),
 *         List.of(1L, 2L), Path.of("sweep-out"), evaluation, 1);
 * new LocalExecutor().execute(sweep, new SweepTaskRunner(sweep, new SweepListener() {}));
 * }</pre>
 *
 * <p>Layout of {@code output}: {@code runs/NAME/} (each a {@code mopo train} output folder),
 * {@code eval/I-of-N/} (each evaluation shard's folder), and the front report
 * {@code summary.json}, {@code summary.csv}, {@code report.html}.
 *
 * @param base the settings every run starts from (its {@code output} is ignored)
 * @param methods the losses and their points, at least one
 * @param seeds the seeds each point is trained with; empty for the base's seed
 * @param output the sweep's folder
 * @param evaluation how the runs are evaluated
 * @param evalShards the evaluation tasks the work is split into (1 runs it as one)
 */
public record Sweep(TrainConfig base, List<SweepMethod> methods, List<Long> seeds, Path output,
        EvalSettings evaluation, int evalShards) {

    /** The name of the reference policy: the base model. */
    public static final String REFERENCE = "base";

    /** Checks the fields; copies the lists. */
    public Sweep {
        Objects.requireNonNull(base, "base");
        methods = List.copyOf(methods);
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("methods: give at least one loss to train");
        }
        seeds = List.copyOf(seeds);
        output = output.toAbsolutePath().normalize();
        Objects.requireNonNull(evaluation, "evaluation");
        if (evalShards < 1) {
            throw new IllegalArgumentException("eval_shards must be >= 1, got " + evalShards);
        }
    }

    /**
     * Every run, method by method, point by point, seed by seed.
     *
     * @throws IllegalArgumentException when two runs would have the same name
     */
    public List<SweepRun> runs() {
        List<Long> runSeeds = seeds.isEmpty() ? List.of(base.runtime().seed()) : seeds;
        Map<String, SweepRun> runs = new LinkedHashMap<>();
        for (SweepMethod method : methods) {
            List<Map<String, Double>> points = method.points().isEmpty() ? List.of(Map.of()) : method.points();
            for (Map<String, Double> point : points) {
                for (long seed : runSeeds) {
                    String name = method.loss().key() + (point.isEmpty() ? "" : "-" + SweepMethod.describe(point))
                            + "-seed" + seed;
                    TrainConfig config = method.apply(base.toBuilder(), point).seed(seed)
                            .output(output.resolve("runs").resolve(name)).build();
                    if (runs.put(name, new SweepRun(name, config)) != null) {
                        throw new IllegalArgumentException("two runs of the sweep are both " + name
                                + ": each point and seed may appear once");
                    }
                }
            }
        }
        return new ArrayList<>(runs.values());
    }

    /** The evaluation shard folder of {@code shard}: {@code OUTPUT/eval/I-of-N}. */
    public Path shardFolder(Shard shard) {
        return output.resolve("eval").resolve(shard.toString());
    }

    /** Every task, in an order that runs each after the ones it depends on: trainings, evaluation shards, the report. */
    public List<SweepTask> tasks() {
        List<SweepTask> tasks = new ArrayList<>();
        List<String> trainings = new ArrayList<>();
        for (SweepRun run : runs()) {
            SweepTask.Train train = new SweepTask.Train(run);
            tasks.add(train);
            trainings.add(train.id());
        }
        List<String> shards = new ArrayList<>();
        for (int i = 0; i < evalShards; i++) {
            SweepTask.Evaluate evaluate = new SweepTask.Evaluate(new Shard(i, evalShards), trainings);
            tasks.add(evaluate);
            shards.add(evaluate.id());
        }
        tasks.add(new SweepTask.Report(shards));
        return tasks;
    }

    /**
     * The task with {@code id}.
     *
     * @throws IllegalArgumentException listing the ids when none has it
     */
    public SweepTask task(String id) {
        Map<String, SweepTask> byId = new HashMap<>();
        for (SweepTask task : tasks()) {
            byId.put(task.id(), task);
        }
        SweepTask task = byId.get(id);
        if (task == null) {
            throw new IllegalArgumentException("the sweep has no task '" + id + "'; its tasks are "
                    + tasks().stream().map(SweepTask::id).toList());
        }
        return task;
    }
}
