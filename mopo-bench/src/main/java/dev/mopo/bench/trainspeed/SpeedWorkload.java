package dev.mopo.bench.trainspeed;

import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.SamplingStrategy;
import java.nio.file.Path;

/**
 * What the training benchmark trains on: a checkpoint, a generic-preset corpus with one objective
 * ({@value SpeedCorpus#OBJECTIVE}), how prompts render, the token limits and the batch order.
 *
 * @param model the checkpoint folder (config.json, model.safetensors, tokenizer files)
 * @param corpus the JSONL corpus
 * @param template how prompts render ({@code plain} for the uniform corpus, {@code none} for prompts written out)
 * @param maxLength {@code max_length}; the corpora are made so that nothing is truncated
 * @param maxPromptLength {@code max_prompt_length}
 * @param sampling the order of the batches ({@code sequential}: the TRL script's order, batch for batch)
 */
public record SpeedWorkload(Path model, Path corpus, TemplateChoice template, int maxLength, int maxPromptLength,
        SamplingStrategy sampling) {

    /** The built-in workload: every sequence {@value SpeedCorpus#SEQUENCE_TOKENS} tokens, the character model. */
    public static SpeedWorkload uniform(TrainSpeedFiles files) {
        return new SpeedWorkload(files.model(), files.corpus(), TemplateChoice.PLAIN, SpeedCorpus.SEQUENCE_TOKENS,
                SpeedCorpus.PROMPT_TOKENS, SamplingStrategy.SEQUENTIAL);
    }

    /**
     * A corpus with its own lengths (made by {@code make_speed_inputs.py}), prompts as written,
     * up to {@code maxLength} tokens a sequence, the prompt limit just below it (so that only
     * {@code max_length} could cut, as in TRL, which has no prompt limit).
     */
    public static SpeedWorkload of(Path model, Path corpus, int maxLength, SamplingStrategy sampling) {
        return new SpeedWorkload(model, corpus, TemplateChoice.NONE, maxLength, maxLength - 1, sampling);
    }
}
