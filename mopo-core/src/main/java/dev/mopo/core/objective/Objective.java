package dev.mopo.core.objective;

import java.util.Objects;
import java.util.function.Function;

/**
 * One human objective — helpfulness, harmlessness, or one of your own — as anything that can
 * label a pair. This is the extension point for user objectives: a rater, a rule, a classifier.
 *
 * <pre>{@code
 * Objective<Pair> concise = Objective.of("concise",
 *         pair -> Outcome.ofScores(-pair.a().length(), -pair.b().length()));
 * }</pre>
 *
 * @param <P> the pair type the objective reads (prompt and two responses, in whatever form)
 */
public interface Objective<P> {

    /** A short name used in configs, logs and reports. */
    String name();

    /** Which response of the pair this objective prefers. */
    Outcome compare(P pair);

    /** An objective from a name and a labelling function. */
    static <P> Objective<P> of(String name, Function<? super P, Outcome> labeller) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labeller, "labeller");
        return new Objective<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Outcome compare(P pair) {
                return labeller.apply(pair);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
