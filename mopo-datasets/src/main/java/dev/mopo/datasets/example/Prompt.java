package dev.mopo.datasets.example;

import java.util.List;
import java.util.Objects;

/**
 * The context both responses answer: the text exactly as the corpus gives it (for reports and
 * for checking against the source) and the same conversation as chat turns (for chat
 * templates). A single-turn prompt is one user message; a multi-turn one (HH-RLHF
 * transcripts, HelpSteer2's {@code <extra_id_1>} turns, chat-message columns) keeps every
 * earlier turn and ends with a user turn.
 *
 * @param text the prompt as written in the source
 * @param messages the conversation, ending with the turn the responses answer
 */
public record Prompt(String text, List<ChatMessage> messages) {

    /** Checks that the conversation has at least one turn. */
    public Prompt {
        Objects.requireNonNull(text, "text");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a prompt needs at least one message, got none for text '"
                    + text + "'");
        }
    }

    /** A single user turn. */
    public static Prompt of(String text) {
        return new Prompt(text, List.of(ChatMessage.user(text)));
    }
}
