package dev.mopo.djl.train.config;

import dev.mopo.core.Checks;
import dev.mopo.datasets.batch.TokenLimits;
import dev.mopo.datasets.template.TemplateChoice;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The preference corpus and how it becomes tokens (TRL's dataset arguments and {@code max_length}).
 *
 * @param datasetPreset the corpus's preset: pku-safe-rlhf, hh-rlhf, ultrafeedback, helpsteer2 or generic
 *     ({@code dataset_preset}, required)
 * @param datasetPath the corpus file or folder ({@code dataset_path}, required)
 * @param datasetOptions the preset's options, e.g. {@code subset=harmless-base} ({@code dataset_options})
 * @param chatTemplate how prompts are rendered ({@code chat_template}, default {@code auto})
 * @param objectives the objectives in the order to use them, primary first; empty for the preset's order
 *     ({@code objectives})
 * @param tokenLimits {@code max_length} and {@code max_prompt_length} (defaults 512 and 256)
 * @param evalFraction the fraction of pairs held out for evaluation, in [0, 1) ({@code eval_fraction}, default 0.05)
 * @param trainSamplingStrategy the order of an epoch's batches ({@code train_sampling_strategy}, default {@code random})
 */
public record DataSettings(String datasetPreset, Path datasetPath, Map<String, String> datasetOptions,
        TemplateChoice chatTemplate, List<String> objectives, TokenLimits tokenLimits, double evalFraction,
        SamplingStrategy trainSamplingStrategy) {

    /** Validates the fields; the maps and lists are copied. */
    public DataSettings {
        Checks.required(datasetPreset, "dataset_preset: name the dataset's preset");
        Checks.required(datasetPath, "dataset_path: give the dataset file or folder");
        datasetOptions = Map.copyOf(datasetOptions);
        Objects.requireNonNull(chatTemplate, "chat_template");
        objectives = List.copyOf(objectives);
        Objects.requireNonNull(tokenLimits, "max_length");
        Checks.halfOpenUnit("eval_fraction", evalFraction);
        Objects.requireNonNull(trainSamplingStrategy, "train_sampling_strategy");
    }
}
