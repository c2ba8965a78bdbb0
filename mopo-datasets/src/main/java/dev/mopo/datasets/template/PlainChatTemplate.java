package dev.mopo.datasets.template;

import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.example.Prompt;

/**
 * The fallback for checkpoints without a chat template, in the Anthropic HH style: user turns
 * as {@code Human: …}, assistant turns as {@code Assistant: …}, turns separated by a blank
 * line, ending with {@code Assistant:} (no trailing space: the response is appended as the
 * corpus has it, usually with its own leading space). A system turn is written first, as plain
 * text. For an HH-RLHF prompt this reproduces the transcript's own text without its leading blank
 * line.
 */
public final class PlainChatTemplate implements ChatTemplate {

    /** The one instance; the template has no settings. */
    public static final PlainChatTemplate INSTANCE = new PlainChatTemplate();

    private PlainChatTemplate() {}

    @Override
    public String render(Prompt prompt) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage message : prompt.messages()) {
            if (out.length() > 0) {
                out.append("\n\n");
            }
            switch (message.role()) {
                case ChatMessage.SYSTEM:
                    out.append(message.content());
                    break;
                case ChatMessage.ASSISTANT:
                    out.append("Assistant: ").append(message.content());
                    break;
                default:
                    out.append("Human: ").append(message.content());
            }
        }
        return out.append(out.length() > 0 ? "\n\n" : "").append("Assistant:").toString();
    }
}
