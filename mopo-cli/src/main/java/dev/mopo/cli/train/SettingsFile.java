package dev.mopo.cli.train;

import dev.mopo.cli.YamlFiles;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A YAML file of training settings: {@code snake_case} keys, one per {@link TrainOptions} field
 * ({@code beta} accepted for {@code tau}). An unknown key, or a value of the wrong type, is an error
 * naming the file and the key (with the closest known key); relative paths are resolved against the
 * file's folder.
 */
public final class SettingsFile {


    private SettingsFile() {}

    /**
     * A builder holding the settings of the {@code mopo train} YAML file {@code file}, as {@code mopo train --config}
     * reads it: for sweeps, whose runs all start from one such file.
     */
    public static TrainConfigBuilder builder(Path file) throws IOException {
        TrainConfigBuilder builder = TrainConfig.builder();
        read(file).applyTo(builder);
        return builder;
    }

    /** The settings of {@code file}. */
    static TrainOptions read(Path file) throws IOException {
        TrainOptions options = YamlFiles.read(file, TrainOptions.class, "setting", "`mopo train --help` lists the settings");
        if (options == null) {
            return new TrainOptions();
        }
        options.resolvePaths(file.toAbsolutePath().getParent());
        return options;
    }
}
