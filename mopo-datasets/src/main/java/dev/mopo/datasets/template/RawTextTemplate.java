package dev.mopo.datasets.template;

import dev.mopo.datasets.example.Prompt;

/**
 * The text template {@code none}: the prompt's text exactly as the corpus gives it
 * ({@link Prompt#text()}), what TRL feeds a model for a dataset of plain strings. For hh-rlhf
 * that is the transcript up to and including the last {@code "\n\nAssistant:"}.
 */
public final class RawTextTemplate implements ChatTemplate {

    /** The one instance; the template has no settings. */
    public static final RawTextTemplate INSTANCE = new RawTextTemplate();

    private RawTextTemplate() {}

    @Override
    public String render(Prompt prompt) {
        return prompt.text();
    }
}
