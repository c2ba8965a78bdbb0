package dev.mopo.djl.train.config;

import dev.mopo.core.Checks;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The policy and the reference (TRL's {@code model_name_or_path}, {@code ref_model},
 * {@code precompute_ref_log_probs}).
 *
 * @param model the policy checkpoint folder: config.json, safetensors, tokenizer.json ({@code model}, required)
 * @param reference the reference checkpoint folder ({@code reference}; the policy's starting checkpoint by default)
 * @param referenceMode precomputed and cached, or a live frozen model ({@code reference_mode})
 * @param referencePrecision what the reference computes in ({@code reference_precision})
 * @param referenceCache the folder caching reference log-probs, shareable between runs on the same model
 *     and data ({@code reference_cache}; the output folder by default)
 */
public record ModelSettings(Path model, Path reference, ReferenceMode referenceMode, Precision referencePrecision,
        Path referenceCache) {

    /** Requires every field (the builder fills the defaults). */
    public ModelSettings {
        Checks.required(model, "model: give the policy checkpoint folder");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(referenceMode, "reference_mode");
        Objects.requireNonNull(referencePrecision, "reference_precision");
        Objects.requireNonNull(referenceCache, "reference_cache");
    }
}
