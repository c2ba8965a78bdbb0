package dev.mopo.bench.score;

import java.util.Objects;

/**
 * One response to score: the prompt as the prompt file or corpus gives it (its text, not rendered by
 * a chat template) and the policy's response, decoded without special tokens.
 *
 * @param prompt the prompt text
 * @param response the response text
 */
public record ScoreRequest(String prompt, String response) {

    private static final int SHOWN = 60;

    /** Checks that both texts are present. */
    public ScoreRequest {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
    }

    /** {@code prompt "…", response "…"}, each cut to 60 characters, for one-line messages. */
    public String describe() {
        return "prompt " + quote(prompt) + ", response " + quote(response);
    }

    /** {@code text} in double quotes, line breaks escaped, cut to 60 characters with an ellipsis. */
    static String quote(String text) {
        String flat = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\"", "\\\"");
        return "\"" + (flat.length() <= SHOWN ? flat : flat.substring(0, SHOWN - 1) + "…") + "\"";
    }
}
