package dev.mopo.bench.sweep;

import dev.mopo.djl.train.config.TrainConfig;
import java.nio.file.Path;

/**
 * One training run of a sweep.
 *
 * @param name the run's name, from its settings ({@code mopo-harmless0.55-seed1}): the same settings
 *     always give the same name, and so the same folder
 * @param config the run's settings, writing to {@code OUTPUT/runs/NAME}
 */
public record SweepRun(String name, TrainConfig config) {

    /** The run's folder. */
    public Path folder() {
        return config.runtime().output();
    }
}
