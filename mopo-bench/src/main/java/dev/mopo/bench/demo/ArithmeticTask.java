package dev.mopo.bench.demo;

import dev.mopo.core.objective.Objective;
import dev.mopo.core.objective.Outcome;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's world, with ground truth known by construction. Prompts are additions of single
 * digits; answers come in two styles — terse ({@code "7."}) and polite ({@code "sure, 3 plus 4 is
 * 7. glad to help!"}) — and are right or wrong. Two programmatic objectives label every pair:
 *
 * <ul>
 *   <li>{@link #CORRECT} (primary): prefers the answer whose last number is the true sum; two
 *       right or two wrong answers tie;
 *   <li>{@link #CONCISE} (constrained): prefers the shorter answer; equal lengths tie.
 * </ul>
 *
 * In the data distribution {@code μ} polite answers are right 80 % of the time and terse ones
 * 40 %, so the objectives conflict: pushing correctness alone makes a policy polite, hence long.
 * The best policy under a conciseness threshold answers tersely and correctly — which the data
 * contains, but rarely.
 */
public final class ArithmeticTask {

    /** Prefers the answer that states the true sum. */
    public static final Objective<Exchange> CORRECT = Objective.of("correct",
            pair -> Outcome.ofScores(score(pair.question(), pair.a()), score(pair.question(), pair.b())));

    /** Prefers the shorter answer. */
    public static final Objective<Exchange> CONCISE = Objective.of("concise",
            pair -> Outcome.ofScores(-pair.a().length(), -pair.b().length()));

    /** The demo's objectives, primary first. */
    public static final List<Objective<Exchange>> OBJECTIVES = List.of(CORRECT, CONCISE);

    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final double POLITE = 0.5;
    private static final double RIGHT_WHEN_POLITE = 0.8;
    private static final double RIGHT_WHEN_TERSE = 0.4;

    private ArithmeticTask() {}

    /** A uniformly random question. */
    public static Question question(Random random) {
        return new Question(random.nextInt(10), random.nextInt(10));
    }

    /** An answer drawn from the data distribution {@code μ}. */
    public static String answer(Question question, Random random) {
        boolean polite = random.nextDouble() < POLITE;
        boolean right = random.nextDouble() < (polite ? RIGHT_WHEN_POLITE : RIGHT_WHEN_TERSE);
        int value = right ? question.answer() : wrong(question.answer(), random);
        return polite ? "sure, " + question.left() + " plus " + question.right() + " is " + value + ". glad to help!"
                : value + ".";
    }

    /** 1 when the last number in {@code answer} is the true sum, else 0. */
    public static double score(Question question, String answer) {
        Matcher matcher = NUMBER.matcher(answer);
        String last = null;
        while (matcher.find()) {
            last = matcher.group();
        }
        return last != null && last.equals(Integer.toString(question.answer())) ? 1 : 0;
    }

    /** Every character a prompt or answer can contain, for the demo's character tokenizer. */
    public static String alphabet() {
        return "abcdefghijklmnopqrstuvwxyz0123456789 .,!?\n";
    }

    private static int wrong(int answer, Random random) {
        int offset = 1 + random.nextInt(3);
        return answer - offset >= 0 && random.nextBoolean() ? answer - offset : answer + offset;
    }
}
