package dev.mopo.bench.demo;

/**
 * An addition question with single-digit operands, the demo's prompt.
 *
 * @param left the first operand
 * @param right the second operand
 */
public record Question(int left, int right) {

    /** The prompt text. */
    public String prompt() {
        return "what is " + left + " plus " + right + "?\n";
    }

    /** The true answer. */
    public int answer() {
        return left + right;
    }
}
