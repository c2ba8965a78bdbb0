package dev.mopo.datasets.template;

import dev.mopo.datasets.example.Prompt;

/**
 * Renders a prompt's conversation up to the point where the model's response begins (the
 * generation prompt included), so that {@code render(prompt) + response} is what the model is
 * trained on.
 */
@FunctionalInterface
public interface ChatTemplate {

    /** The prompt as model input, ending where the response starts. */
    String render(Prompt prompt);
}
