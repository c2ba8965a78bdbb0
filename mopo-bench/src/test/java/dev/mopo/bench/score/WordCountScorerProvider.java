package dev.mopo.bench.score;

/** A Java scorer that only the tests put on the class path: the response's number of words. */
public final class WordCountScorerProvider implements ScorerProvider {

    @Override
    public String id() {
        return "test-words";
    }

    @Override
    public Scorer create(String name) {
        return Scorer.of(name, request -> request.response().isBlank() ? 0
                : request.response().trim().split("\\s+").length);
    }
}
