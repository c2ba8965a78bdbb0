package dev.mopo.bench.score;

/**
 * The built-in Java scorer {@code concise}: minus the response's length in Unicode code points, so
 * that the shorter response wins (the demo's conciseness objective, on generated text).
 */
public final class ConciseScorerProvider implements ScorerProvider {

    /** The id, {@code concise}. */
    public static final String ID = "concise";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "minus the response's length in characters: shorter wins";
    }

    @Override
    public Scorer create(String name) {
        return Scorer.of(name, request -> -request.response().codePointCount(0, request.response().length()));
    }
}
