package dev.mopo.bench.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An addition question with single-digit operands, the demo's prompt.
 *
 * @param left the first operand
 * @param right the second operand
 */
public record Question(int left, int right) {

    private static final Pattern PROMPT = Pattern.compile("what is (\\d) plus (\\d)\\?\\s*");

    /**
     * The question {@code prompt} asks, as {@link #prompt()} writes it (trailing white space aside).
     *
     * @throws IllegalArgumentException when the prompt is not one of the demo's questions
     */
    public static Question parse(String prompt) {
        Matcher matcher = PROMPT.matcher(prompt);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an addition question of the demo: " + prompt.strip()
                    + " (expected \"what is A plus B?\" with single digits)");
        }
        return new Question(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** The prompt text. */
    public String prompt() {
        return "what is " + left + " plus " + right + "?\n";
    }

    /** The true answer. */
    public int answer() {
        return left + right;
    }
}
