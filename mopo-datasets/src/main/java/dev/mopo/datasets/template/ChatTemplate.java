package dev.mopo.datasets.template;

import dev.mopo.datasets.example.Prompt;

/**
 * How a pair becomes text, in one of TRL 1.13's two ways ({@code trl/trainer/dpo_trainer.py:1053-1098}).
 *
 * <ul>
 *   <li>A <em>text</em> template ({@link #conversational()} false: {@code none}, {@code plain},
 *       {@code pku}) renders the prompt as a string; the model reads
 *       {@code render(prompt) + response + eos_token}, tokenised with the tokenizer's special tokens
 *       (a BOS where the family has one), as TRL treats a dataset of strings.
 *   <li>A <em>chat</em> template (true: the checkpoint's Jinja template) writes the whole
 *       conversation and its special tokens itself: the prompt with the generation prompt, and the
 *       conversation with the assistant's response appended, each tokenised without special
 *       tokens and with no EOS appended, as TRL treats a conversational dataset.
 * </ul>
 *
 * <p>{@code render(prompt)} ends where the model's response begins.
 */
@FunctionalInterface
public interface ChatTemplate {

    /** The prompt as model input, ending where the response starts (a chat template's generation prompt included). */
    String render(Prompt prompt);

    /**
     * The prompt followed by the response, as the model reads it (for a text template without the
     * end-of-sequence token, which the tokenisation appends). A text template writes
     * {@code render(prompt) + response}; a chat template renders the conversation with
     * {@code response} as the assistant's turn and no generation prompt.
     */
    default String render(Prompt prompt, String response) {
        return render(prompt) + response;
    }

    /**
     * Whether this is a chat template that writes its own special tokens and end of turn: its
     * renders are tokenised without special tokens and without an appended EOS. False for text
     * templates.
     */
    default boolean conversational() {
        return false;
    }
}
