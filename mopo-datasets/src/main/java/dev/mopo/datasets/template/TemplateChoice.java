package dev.mopo.datasets.template;

import dev.mopo.core.Choice;

/** Which chat template renders prompts: the setting {@code chat_template}; see {@link ChatTemplates#named}. */
public enum TemplateChoice implements Choice {
    /** The checkpoint's own template, else the preset's text template. */
    AUTO("auto"),
    /** The checkpoint's own template; an error when it has none. */
    CHECKPOINT("checkpoint"),
    /** The prompt's text as the corpus gives it (TRL's default for plain-text data). */
    NONE("none"),
    /** {@code "Human: " + prompt + "\n\nAssistant:"}. */
    PLAIN("plain"),
    /** PKU-SafeRLHF's {@code BEGINNING OF CONVERSATION: USER: … ASSISTANT:}. */
    PKU("pku");

    private final String key;

    TemplateChoice(String key) {
        this.key = key;
    }

    /** Whether this names one text template ({@code none}, {@code plain} or {@code pku}). */
    public boolean isText() {
        return this == NONE || this == PLAIN || this == PKU;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public String toString() {
        return key;
    }
}
