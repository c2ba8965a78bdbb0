package dev.mopo.cli.train;

import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingSession;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code mopo train}: fine-tune a checkpoint on a multi-objective preference corpus. Settings
 * come from {@code --config FILE} (YAML) and from one flag per setting ({@link TrainOptions}),
 * which wins over the file.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "mopo train [--config FILE] [--resume] [--SETTING VALUE]...",
        description = {"Fine-tune a Hugging Face checkpoint with MOPO (or a baseline loss) on a preference corpus.",
            "Settings come from --config (YAML, snake_case keys: --dual-step-size is dual_step_size) and from the"
                    + " flags below, which win over the file (a map flag replaces the file's whole map). Writes"
                    + " metrics.jsonl, checkpoints (safetensors transformers loads) and the final policy to --output."
                    + " Ctrl-C saves a checkpoint and exits; --resume continues from the newest."})
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", order = 0, description = "YAML file of settings.")
    private Path config;

    @Option(names = "--resume", order = 0, description = "Continue from the newest checkpoint in the output folder.")
    private boolean resume;

    @Option(names = "--paper-settings", order = 0,
            description = "Start from the paper's settings for text (tau 0.08, epsilon 0.15, ratchet every 500 steps with"
                    + " beta 0.9995, batch 8, one multiplier step per step); the file and the flags override them.")
    private boolean paperSettings;

    @Option(names = "--print-config", order = 0,
            description = "Print the resolved settings (file, flags and defaults) as YAML and exit.")
    private boolean printConfig;

    @Mixin
    private TrainOptions flags = new TrainOptions();

    /** Appends each setting's default to its help line. */
    public static void describeDefaults(CommandSpec spec) {
        Map<String, String> defaults = FlatSettings.defaults();
        for (OptionSpec option : new ArrayList<>(spec.options())) {
            String key = option.longestName().substring(2).replace('-', '_');
            String text = defaults.get(key);
            if (text == null || option.description().length == 0) {
                continue;
            }
            String[] description = option.description().clone();
            description[description.length - 1] += " (default: " + text + ")";
            spec.remove(option);
            spec.addOption(option.toBuilder().description(description).build());
        }
    }

    @Override
    public Integer call() throws Exception {
        TrainConfigBuilder builder = paperSettings ? TrainConfig.paperTextBuilder() : TrainConfig.builder();
        if (config != null) {
            SettingsFile.read(config).applyTo(builder);
        }
        flags.applyTo(builder);
        TrainConfig settings = builder.build();
        if (printConfig) {
            System.out.print(FlatSettings.yaml(settings));
            return 0;
        }
        ConsoleProgress progress = ConsoleProgress.create(settings.runtime().loggingSteps());
        AtomicReference<Trainer> running = new AtomicReference<>();
        CountDownLatch finished = new CountDownLatch(1);
        Thread interrupt = new Thread(() -> {
            Trainer trainer = running.get();
            if (trainer == null) {
                System.err.println("mopo: interrupted before the first training step (reading the data or computing"
                        + " reference log-probs); nothing was checkpointed: run the same command again, without"
                        + " --resume unless a checkpoint exists");
                return;
            }
            trainer.requestStop();
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mopo-stop");
        Runtime.getRuntime().addShutdownHook(interrupt);
        try (Trainer trainer = TrainingSession.open(settings, resume, progress)) {
            running.set(trainer);
            Path last = trainer.fit();
            progress.close();
            System.out.println("final checkpoint: " + last);
            System.out.println("metrics: " + settings.runtime().output().resolve("metrics.jsonl"));
        } finally {
            finished.countDown();
            progress.close();
            try {
                Runtime.getRuntime().removeShutdownHook(interrupt);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C: the hook is running and waits for the loop to save
            }
        }
        return 0;
    }
}
