package dev.mopo.djl.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@link Trainer} tells the outside world as it runs — progress bars, consoles, tests.
 * Every method has an empty default; metrics also go to {@code metrics.jsonl} whatever listens.
 */
public interface TrainingListener {

    /** Reference log-probs: {@code done} of {@code total} pairs scored. */
    default void onReferenceProgress(int done, int total) {}

    /** Training starts (or resumes at {@code firstStep}) and will run to {@code totalSteps}. */
    default void onStart(long firstStep, long totalSteps) {}

    /** One optimiser step finished; {@code metrics} is the record written to metrics.jsonl. */
    default void onStep(long step, Map<String, Object> metrics) {}

    /** An evaluation on the held-out pairs finished. */
    default void onEvaluation(long step, Map<String, Object> metrics) {}

    /** A checkpoint was written. */
    default void onCheckpoint(Path folder) {}

    /** Something the user should read: a skipped step, an unreliable estimate, a stop request. */
    default void onWarning(String message) {}
}
