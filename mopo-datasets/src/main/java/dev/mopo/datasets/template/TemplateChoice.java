package dev.mopo.datasets.template;

import dev.mopo.core.Choice;

/** Which chat template renders prompts: the setting {@code chat_template}; see {@link ChatTemplates#named}. */
public enum TemplateChoice implements Choice {
    /** The checkpoint's own template, else {@code plain}. */
    AUTO("auto"),
    /** The checkpoint's own template; an error when it has none. */
    CHECKPOINT("checkpoint"),
    /** {@code "Human: " + prompt + "\n\nAssistant:"}. */
    PLAIN("plain"),
    /** PKU-SafeRLHF's {@code BEGINNING OF CONVERSATION: USER: … ASSISTANT:}. */
    PKU("pku");

    private final String key;

    TemplateChoice(String key) {
        this.key = key;
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
