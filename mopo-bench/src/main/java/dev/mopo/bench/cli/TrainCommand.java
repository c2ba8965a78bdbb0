package dev.mopo.bench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mopo.bench.train.ConsoleProgress;
import dev.mopo.bench.train.SettingFlags;
import dev.mopo.bench.train.TrainConfigs;
import dev.mopo.djl.train.TrainConfig;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingSession;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mopo train}: fine-tune a checkpoint on a multi-objective preference corpus. Settings
 * come from {@code --config FILE} (YAML) and from one flag per setting, which wins over the file.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "mopo train [--config FILE] [--resume] [--SETTING VALUE]...",
        description = {"Fine-tune a Hugging Face checkpoint with MOPO (or a baseline loss) on a preference corpus.",
            "Settings come from --config (YAML, snake_case keys) and from the flags below (one per setting; a flag"
                    + " wins over the file). Writes metrics.jsonl, checkpoints (safetensors transformers loads) and the"
                    + " final policy to --output. Ctrl-C saves a checkpoint and exits; --resume continues from the newest."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML file of settings.")
    private Path config;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in the output folder.")
    private boolean resume;

    @Spec
    private CommandSpec spec;

    /** Adds one option per config setting to the command. */
    static void addSettingOptions(CommandSpec spec) {
        Map<String, String> defaults = TrainConfigs.defaults();
        for (TrainConfigs.Key key : TrainConfigs.keys()) {
            String fallback = defaults.get(key.name());
            spec.addOption(OptionSpec.builder(key.flag())
                    .type(String.class)
                    .paramLabel(SettingFlags.label(key))
                    .description(key.help() + (fallback == null ? "" : " (default: " + fallback + ")"))
                    .build());
        }
    }

    @Override
    public Integer call() throws Exception {
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (TrainConfigs.Key key : TrainConfigs.keys()) {
            if (parsed.hasMatchedOption(key.flag())) {
                overrides.put(key.name(), SettingFlags.parse(key, parsed.matchedOptionValue(key.flag(), "")));
            }
        }
        TrainConfig settings = TrainConfigs.load(config, overrides);
        ConsoleProgress progress = new ConsoleProgress();
        CountDownLatch finished = new CountDownLatch(1);
        try (Trainer trainer = TrainingSession.open(settings, resume, progress)) {
            Thread interrupt = new Thread(() -> {
                trainer.requestStop();
                try {
                    finished.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mopo-stop");
            Runtime.getRuntime().addShutdownHook(interrupt);
            try {
                Path last = trainer.fit();
                progress.close();
                System.out.println("final checkpoint: " + last);
                System.out.println("metrics: " + settings.output().resolve("metrics.jsonl"));
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting because of Ctrl-C: the hook is running and waits for us
                }
            }
        } finally {
            progress.close();
        }
        return 0;
    }
}
