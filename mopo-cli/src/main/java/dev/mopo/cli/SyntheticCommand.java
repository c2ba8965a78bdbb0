package dev.mopo.cli;

import dev.mopo.bench.synthetic.Estimators;
import dev.mopo.bench.synthetic.StructureResult;
import dev.mopo.bench.synthetic.Structure;
import dev.mopo.bench.synthetic.SyntheticConfig;
import dev.mopo.bench.synthetic.SyntheticReport;
import dev.mopo.bench.synthetic.SyntheticSuite;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo bench synthetic}: MOPO and the baselines against exact Pareto fronts. */
@Command(
        name = "synthetic",
        mixinStandardHelpOptions = true,
        description = {
            "Train tabular policies with MOPO over a threshold grid and with each baseline (MOPO-fixed, DPO-LS,"
                    + " IPO-LS, MODPO; DPO and IPO are their weight-(1,0) points) over a weight grid, on noisy"
                    + " pairs sampled from known preference structures, and compare everything with the exact"
                    + " KL-regularised Pareto front.",
            "Per structure it writes thresholds.csv, points.csv, baselines.csv, summary.json and front plots"
                    + " (PNG) under --out, and prints a table of hypervolume ratios and constraint violations."
        },
        sortOptions = false)
final class SyntheticCommand implements Callable<Integer> {

    @Option(names = "--structure", split = ",", paramLabel = "NAME",
            description = "Structures to run (default: all): ${COMPLETION-CANDIDATES}.",
            converter = StructureConverter.class, completionCandidates = StructureNames.class)
    private List<Structure> structures = Arrays.asList(Structure.values());

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("bench-out", "synthetic");

    @Option(names = "--estimators", split = ",", paramLabel = "NAME",
            description = "MOPO win-rate estimators to run, each as its own method: snis, pairwise, oracle"
                    + " (default: ${DEFAULT-VALUE}).")
    private List<String> estimators = List.of("snis", "oracle", "pairwise");

    @Option(names = "--baselines", negatable = true, defaultValue = "true",
            description = "Train the baselines beside MOPO (default: on; --no-baselines runs MOPO alone).")
    private boolean baselines = true;

    @Option(names = "--steps", description = "Optimiser steps per method (default: ${DEFAULT-VALUE}).")
    private int steps = SyntheticConfig.DEFAULT.steps();

    @Option(names = "--responses", description = "Responses per structure, N (default: ${DEFAULT-VALUE}).")
    private int responses = SyntheticConfig.DEFAULT.responses();

    @Option(names = "--pairs", description = "Sampled pairs per structure (default: ${DEFAULT-VALUE}).")
    private int pairs = SyntheticConfig.DEFAULT.pairs();

    @Option(names = "--dual-step-size", paramLabel = "ETA",
            description = "Dual step size eta_lambda (default: ${DEFAULT-VALUE}).")
    private double dualStepSize = SyntheticConfig.DEFAULT.dual().stepSize();

    @Option(names = "--seed", description = "Seed of structures, data and minibatches (default: ${DEFAULT-VALUE}).")
    private long seed = SyntheticConfig.DEFAULT.seed();

    @Option(names = "--dirichlet-reference",
            description = "Draw pi_ref = mu from a Dirichlet instead of the uniform distribution.")
    private boolean dirichletReference;

    @Override
    public Integer call() throws Exception {
        EngineThreads.preferOneForTinyTensors();
        SyntheticConfig config = new SyntheticConfig(responses, pairs, SyntheticConfig.DEFAULT.batchSize(), steps,
                SyntheticConfig.DEFAULT.tau(), SyntheticConfig.DEFAULT.learningRate(),
                SyntheticConfig.DEFAULT.dual().withStepSize(dualStepSize), seed, dirichletReference);
        List<Estimators> kinds = new ArrayList<>();
        for (String id : estimators) {
            kinds.add(Estimators.byId(id));
        }
        SyntheticSuite suite = new SyntheticSuite(config, kinds, baselines);
        SyntheticReport report = new SyntheticReport();
        List<StructureResult> results = new ArrayList<>();
        for (Structure structure : structures) {
            StructureResult result;
            try (ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(structure.id())
                    .setInitialMax(suite.steps())
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit(" steps", 1)
                    .build()) {
                result = suite.run(structure, step -> bar.stepTo(step));
            }
            Path directory = out.resolve(structure.id());
            report.write(result, config, directory);
            results.add(result);
            System.out.printf("%s: %.1f s, results in %s%n", structure.id(), result.seconds(), directory);
        }
        System.out.println();
        System.out.print(SyntheticReport.headline(results));
        return 0;
    }

    /** Structure names for --help. */
    static final class StructureNames extends ArrayList<String> {
        StructureNames() {
            for (Structure s : Structure.values()) {
                add(s.id());
            }
        }
    }

    /** Parses a structure name. */
    static final class StructureConverter implements picocli.CommandLine.ITypeConverter<Structure> {
        @Override
        public Structure convert(String value) {
            return Structure.byId(value);
        }
    }
}
