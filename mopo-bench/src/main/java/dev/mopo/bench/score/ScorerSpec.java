package dev.mopo.bench.score;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A scorer to open: its name (which names its objective when it scores one, and its log file
 * {@code scores/NAME.jsonl}), a description that identifies what it computes (an evaluation
 * continued later must use the same scorers), and how to open it. The factories below cover the
 * kinds mopo has; the command line writes them {@code NAME=reward-model:DIR[#LABEL]},
 * {@code NAME=command:PROGRAM ARGS...} and {@code [NAME=]java:ID}.
 */
public interface ScorerSpec {

    /** The name: letters, digits, {@code .}, {@code _} and {@code -}. */
    String name();

    /** What the scorer computes, as the command line would write it (paths absolute). */
    String describe();

    /**
     * Checks what can be checked in a moment (a folder's files, a provider on the class path), so
     * that a mistake fails before any response is generated.
     *
     * @throws IllegalArgumentException naming the scorer and the problem
     */
    default void check() throws IOException {}

    /** Opens the scorer. */
    Scorer open(ScorerContext context) throws IOException;

    /** A reward model in {@code folder} scoring its output {@code label} (null: its only output) as objective {@code name}. */
    static ScorerSpec rewardModel(String name, Path folder, String label) {
        return new RewardModelScorer.Spec(name, folder, label);
    }

    /** The external program {@code command} (program then arguments), speaking JSON lines. */
    static ScorerSpec command(String name, List<String> command) {
        return new CommandScorer.Spec(name, command);
    }

    /** The Java scorer whose {@link ScorerProvider#id()} is {@code id}, found with {@link java.util.ServiceLoader}. */
    static ScorerSpec provided(String name, String id) {
        return new ScorerProviders.Spec(name, id);
    }

    /**
     * A Java scorer of your own, without a provider: {@code open} creates it. {@code description}
     * identifies what it computes (e.g. {@code java:demo-correct}).
     */
    static ScorerSpec of(String name, String description, ScorerFactory open) {
        checkName(name);
        return new ScorerSpec() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public Scorer open(ScorerContext context) throws IOException {
                return open.open(context);
            }
        };
    }

    /** Opens a scorer in a context. */
    @FunctionalInterface
    interface ScorerFactory {
        /** A new scorer. */
        Scorer open(ScorerContext context) throws IOException;
    }

    /**
     * Returns {@code name} when it is a valid scorer name.
     *
     * @throws IllegalArgumentException otherwise
     */
    static String checkName(String name) {
        return Names.check("scorer name", name);
    }
}
