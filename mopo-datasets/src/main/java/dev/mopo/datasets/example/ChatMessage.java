package dev.mopo.datasets.example;

import java.util.Objects;

/**
 * One turn of a conversation, as chat templates expect it: a role ({@code system},
 * {@code user} or {@code assistant}) and its text.
 */
public record ChatMessage(String role, String content) {

    /** The role of a system prompt. */
    public static final String SYSTEM = "system";
    /** The role of the human turns. */
    public static final String USER = "user";
    /** The role of the model turns. */
    public static final String ASSISTANT = "assistant";

    /** Checks that both parts are present. */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** A user turn. */
    public static ChatMessage user(String content) {
        return new ChatMessage(USER, content);
    }

    /** An assistant turn. */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(ASSISTANT, content);
    }

    /** A system prompt. */
    public static ChatMessage system(String content) {
        return new ChatMessage(SYSTEM, content);
    }
}
