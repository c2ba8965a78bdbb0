package dev.mopo.bench.score;

import java.io.IOException;

/**
 * The extension point for objectives written in Java: implement it, list the class in
 * {@code META-INF/services/dev.mopo.bench.score.ScorerProvider} of a jar, put the jar on the class
 * path, and name it on the command line ({@code --scorer java:ID} or {@code --scorer NAME=java:ID})
 * without editing mopo. Found with {@link java.util.ServiceLoader}, so the class needs a public
 * no-argument constructor.
 *
 * <pre>{@code
 * public final class PolitenessProvider implements ScorerProvider {
 *     public String id() { return "polite"; }
 *     public Scorer create(String name) {
 *         return Scorer.of(name, request -> request.response().contains("please") ? 1 : 0);
 *     }
 * }
 * }</pre>
 */
public interface ScorerProvider {

    /** The id users name the scorer by: letters, digits, {@code .}, {@code _} and {@code -}. */
    String id();

    /** One line saying what the scorer scores, for listings of the available scorers. */
    default String description() {
        return "";
    }

    /**
     * A new scorer.
     *
     * @param name the name the user gave the scorer (the id when none was given); a scorer of one
     *     objective names the objective so
     */
    Scorer create(String name) throws IOException;
}
