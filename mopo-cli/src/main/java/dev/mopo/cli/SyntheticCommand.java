package dev.mopo.cli;

import dev.mopo.bench.synthetic.DataDualSettings;
import dev.mopo.bench.synthetic.Estimators;
import dev.mopo.bench.synthetic.StructureResult;
import dev.mopo.bench.synthetic.Structure;
import dev.mopo.bench.synthetic.SyntheticConfig;
import dev.mopo.bench.synthetic.SyntheticReport;
import dev.mopo.bench.synthetic.SyntheticSuite;
import dev.mopo.bench.synthetic.ValueSource;
import dev.mopo.bench.synthetic.Variant;
import dev.mopo.core.dual.DataDualConfig;
import dev.mopo.core.dual.RatchetSchedule;
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
                    + " (PNG) under --output, and prints a table of hypervolume ratios and constraint violations."
        },
        sortOptions = false)
final class SyntheticCommand implements Callable<Integer> {

    @Option(names = "--structure", split = ",", paramLabel = "NAME",
            description = "Structures to run (default: all): ${COMPLETION-CANDIDATES}.",
            converter = StructureConverter.class, completionCandidates = StructureNames.class)
    private List<Structure> structures = Arrays.asList(Structure.values());

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("bench-out", "synthetic");

    @Option(names = "--estimators", split = ",", paramLabel = "NAME",
            description = "Win-rate estimators driving the regression's ascent (spec 4-5), each its own method"
                    + " mopo-regression[-oracle|-pairwise]: snis, pairwise, oracle; 'none' for none"
                    + " (default: ${DEFAULT-VALUE}).")
    private List<String> estimators = List.of("snis", "oracle", "pairwise");

    @Option(names = "--variants", split = ",", paramLabel = "NAME",
            description = "Data-dual variants (spec 10) to run: mopo (MOPO-Lag), mopo-lb, mopo-oracle (exact"
                    + " preference values), mopo-regression-data; 'none' for none (default: ${DEFAULT-VALUE}).")
    private List<String> variants = List.of("mopo", "mopo-lb", "mopo-oracle", "mopo-regression-data");

    @Option(names = "--preference-values", paramLabel = "SOURCE",
            description = "Where the data-dual variants' p-bar comes from: pair (the pair's own outcome), batch"
                    + " (pooled over the minibatch), data (pooled over all pairs) (default: ${DEFAULT-VALUE}).")
    private String preferenceValues = DataDualSettings.DEFAULT.values().id();

    @Option(names = "--no-prompt-groups", negatable = true, defaultValue = "true",
            description = "Normalise Eq. 3's weights over all responses of the one prompt (default: on);"
                    + " --no-prompt-groups normalises every pair alone.")
    private boolean promptGroups = true;

    @Option(names = "--data-step-size", paramLabel = "ETA",
            description = "Eq. 9's step size of the Lagrangian data dual (default: ${DEFAULT-VALUE}).")
    private double dataStepSize = DataDualSettings.DEFAULT.stepSize();

    @Option(names = "--no-data-dual-solve", negatable = true, defaultValue = "true",
            description = "Iterate the data dual's lambda (and chi) to convergence at every update (default: on);"
                    + " --no-data-dual-solve takes one step instead.")
    private boolean dataDualSolve = DataDualSettings.DEFAULT.dual().solve();

    @Option(names = "--data-dual-window", paramLabel = "PAIRS",
            description = "The data dual updates on the most recent PAIRS pairs; 0: on the pairs since its"
                    + " previous update (default: ${DEFAULT-VALUE}).")
    private int dataDualWindow = DataDualSettings.DEFAULT.dual().windowPairs();

    @Option(names = "--data-dual-interval", paramLabel = "STEPS",
            description = "Steps between data-dual updates (default: ${DEFAULT-VALUE}).")
    private int dataDualInterval = DataDualSettings.DEFAULT.dual().interval();

    @Option(names = "--epsilon", description = "Eq. 8's KL radius (default: ${DEFAULT-VALUE}).")
    private double epsilon = DataDualSettings.DEFAULT.dual().epsilon();

    @Option(names = "--chi-step-size", description = "Eq. 8's chi step when not solving (default: ${DEFAULT-VALUE}).")
    private double chiStepSize = DataDualSettings.DEFAULT.dual().chiStepSize();

    @Option(names = "--barrier-strength", paramLabel = "SIGMA",
            description = "MOPO-LB's barrier strength sigma (default: ${DEFAULT-VALUE}).")
    private double barrierStrength = DataDualSettings.DEFAULT.barrierStrength();

    @Option(names = "--barrier-knee", paramLabel = "DELTA",
            description = "MOPO-LB's delta: the barrier is linear below b + delta (default: ${DEFAULT-VALUE}).")
    private double barrierKnee = DataDualSettings.DEFAULT.barrierKnee();

    @Option(names = "--ratchet-period", paramLabel = "T0",
            description = "Ratchet thresholds and move the reference every T0 steps, or 'never' (default: never).")
    private String ratchetPeriod = "never";

    @Option(names = "--threshold-relaxation", paramLabel = "BETA",
            description = "The ratchet's relaxation (the paper's beta) (default: ${DEFAULT-VALUE}).")
    private double thresholdRelaxation = DataDualConfig.PAPER.ratchet().thresholdRelaxation();

    @Option(names = "--paper-settings",
            description = "Run the data dual with the paper's settings (epsilon 0.15, one step per optimiser step,"
                    + " thresholds ratcheting every 500 steps with beta 0.9995), ignoring the other data-dual flags.")
    private boolean paperSettings;

    // picocli: a negatable option that defaults to true must be declared in its negative form
    @Option(names = "--no-baselines", negatable = true, defaultValue = "true",
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
                SyntheticConfig.DEFAULT.dual().withStepSize(dualStepSize), seed, dirichletReference, dataDual());
        List<Estimators> kinds = new ArrayList<>();
        for (String id : estimators) {
            if (!id.equals("none")) {
                kinds.add(Estimators.byId(id));
            }
        }
        List<Variant> chosen = new ArrayList<>();
        for (String method : variants) {
            if (!method.equals("none")) {
                chosen.add(Variant.byMethod(method));
            }
        }
        SyntheticSuite suite = new SyntheticSuite(config, kinds, chosen, baselines);
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
        System.out.println();
        System.out.print(SyntheticReport.overview(results));
        return 0;
    }

    private DataDualSettings dataDual() {
        RatchetSchedule ratchet = ratchetPeriod.equals("never") ? RatchetSchedule.NEVER
                : RatchetSchedule.every(Long.parseLong(ratchetPeriod), thresholdRelaxation);
        DataDualConfig defaults = DataDualSettings.DEFAULT.dual();
        DataDualConfig dual = paperSettings ? DataDualConfig.PAPER
                : new DataDualConfig(dataDualInterval, defaults.maxMultiplier(), dataDualSolve, dataDualWindow, epsilon,
                        chiStepSize, defaults.minEssFraction(), ratchet);
        return new DataDualSettings(dual, dataStepSize, barrierStrength, barrierKnee,
                ValueSource.byId(preferenceValues), promptGroups);
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
