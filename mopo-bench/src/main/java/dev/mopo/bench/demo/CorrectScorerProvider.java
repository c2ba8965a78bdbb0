package dev.mopo.bench.demo;

import dev.mopo.bench.score.Scorer;
import dev.mopo.bench.score.ScorerProvider;

/**
 * The built-in Java scorer {@code arithmetic-correct}: 1 when the response's last number is the sum
 * its prompt asks for, else 0 — the demo's primary objective ({@link ArithmeticTask#CORRECT}) on
 * generated text. A prompt that is not one of the demo's questions stops the evaluation with that
 * prompt named.
 */
public final class CorrectScorerProvider implements ScorerProvider {

    /** The id, {@code arithmetic-correct}. */
    public static final String ID = "arithmetic-correct";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the demo's correctness: 1 when the answer states the sum its prompt asks for, else 0";
    }

    @Override
    public Scorer create(String name) {
        return Scorer.of(name, request -> ArithmeticTask.score(Question.parse(request.prompt()), request.response()));
    }
}
