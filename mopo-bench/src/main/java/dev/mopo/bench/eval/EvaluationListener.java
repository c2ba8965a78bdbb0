package dev.mopo.bench.eval;

/** What an evaluation tells the outside world as it runs; every method has an empty default. */
public interface EvaluationListener {

    /** Of {@code total} responses of {@code policy} in this shard, {@code done} are generated. */
    default void onGenerated(String policy, int done, int total) {}

    /** Of {@code total} responses in this shard, {@code done} are scored by {@code scorer}. */
    default void onScored(String scorer, int done, int total) {}

    /** Something the user should read. */
    default void onWarning(String message) {}
}
