package dev.mopo.djl.train.config;

import dev.mopo.core.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a run executes, what it records, and when.
 *
 * @param output the output folder: metrics.jsonl, checkpoints, the final policy ({@code output}, required)
 * @param device cpu, cuda or cuda:N ({@code device}, default cpu)
 * @param precision fp32, or fp16 mixed precision ({@code precision}, default fp32)
 * @param seed the seed of the data split and order ({@code seed}, default 42)
 * @param evalInterval evaluate every this many steps; 0 for only at the end ({@code eval_interval}, default 0)
 * @param saveInterval checkpoint every this many steps; 0 for only at the end ({@code save_interval}, default 0)
 * @param saveTotalLimit keep only the newest this many checkpoints; 0 keeps all ({@code save_total_limit},
 *     TRL's name; default 0)
 * @param loggingSteps a line in a non-interactive log every this many steps ({@code logging_steps}, default 10)
 * @param maxSkippedSteps non-finite steps skipped before training aborts ({@code max_skipped_steps}, default 10)
 */
public record RuntimeSettings(Path output, String device, Precision precision, long seed, int evalInterval,
        int saveInterval, int saveTotalLimit, int loggingSteps, int maxSkippedSteps) {

    /** Validates the fields. */
    public RuntimeSettings {
        Checks.required(output, "output: give an output folder");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(precision, "precision");
        Checks.nonNegative("eval_interval", evalInterval);
        Checks.nonNegative("save_interval", saveInterval);
        Checks.nonNegative("save_total_limit", saveTotalLimit);
        Checks.atLeastOne("logging_steps", loggingSteps);
        Checks.nonNegative("max_skipped_steps", maxSkippedSteps);
    }
}
