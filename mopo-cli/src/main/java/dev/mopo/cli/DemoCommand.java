package dev.mopo.cli;

import dev.mopo.bench.demo.Demo;
import dev.mopo.bench.demo.DemoConfig;
import dev.mopo.cli.train.ConsoleProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mopo demo}: the main job end to end on an embedded task, nothing downloaded. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run mopo's main job end to end with nothing downloaded: build a small Llama-style model, warm it up"
                + " on an arithmetic task, label a preference corpus with two programmatic objectives (correct, concise),"
                + " train MOPO at two conciseness thresholds and a DPO baseline, score every policy's answers with the"
                + " same objectives, and write report.md with plots. About 3 minutes on a 2-core CPU."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("demo-out");

    @Option(names = "--reduced", description = "A tiny version of every phase (seconds, for smoke tests).")
    private boolean reduced;

    @Override
    public Integer call() throws Exception {
        EngineThreads.preferOneForTinyTensors();
        DemoConfig config = reduced ? DemoConfig.REDUCED : DemoConfig.DEFAULT;
        try (ConsoleProgress progress = ConsoleProgress.create(10)) {
            Path report = new Demo(config, out, line -> System.out.println("mopo demo: " + line)).run(progress);
            System.out.println("open " + report);
        }
        return 0;
    }
}
