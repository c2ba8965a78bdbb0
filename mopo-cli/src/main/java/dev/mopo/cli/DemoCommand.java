package dev.mopo.cli;

import dev.mopo.bench.demo.Demo;
import dev.mopo.bench.demo.DemoConfig;
import dev.mopo.cli.sweep.ConsoleSweep;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo demo}: the main job end to end on an embedded task, nothing downloaded. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run mopo's main job end to end with nothing downloaded: build a small Llama-style model, warm it up"
                + " on an arithmetic task, label a preference corpus with two programmatic objectives (correct, concise),"
                + " then sweep: MOPO at three conciseness thresholds, DPO on correctness and the scalarised dpo-ls at"
                + " three weights. Every policy answers held-out questions, the objectives score the answers as Java"
                + " scorers, and the demo writes report.html (objective space, training curves, samples) and demo.md"
                + " (the points with standard errors, MOPO checked against the baselines). About 7 minutes a seed on a"
                + " 2-core CPU; running it again over the same folder skips what is finished."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("demo-out");

    @Option(names = "--seeds", paramLabel = "N",
            description = "Training seeds per point; above 1 the errors are standard errors over seeds (default:"
                    + " ${DEFAULT-VALUE}).")
    private int seeds = 1;

    @Option(names = "--reduced", description = "A tiny version of every phase (seconds, for smoke tests).")
    private boolean reduced;

    @Override
    public Integer call() throws Exception {
        EngineThreads.preferOneForTinyTensors();
        DemoConfig config = (reduced ? DemoConfig.REDUCED : DemoConfig.DEFAULT).withSeeds(seeds);
        try (ConsoleSweep console = new ConsoleSweep()) {
            Path report = new Demo(config, out, line -> System.out.println("mopo demo: " + line)).run(console);
            System.out.println("open " + report + " and " + report.resolveSibling("report.html"));
        }
        return 0;
    }
}
