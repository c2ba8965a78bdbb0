package dev.mopo.djl.train;

import java.nio.file.Path;

/**
 * What a {@link Trainer} tells the outside world as it runs — progress bars, consoles, tests.
 * Every method has an empty default; metrics also go to {@code metrics.jsonl} whatever listens.
 */
public interface TrainingListener {

    /** Reference log-probs: {@code done} of {@code total} pairs scored. */
    default void onReferenceProgress(int done, int total) {}

    /** Training starts (or resumes at {@code firstStep}) and will run to {@code totalSteps}. */
    default void onStart(long firstStep, long totalSteps) {}

    /** One optimiser step finished; {@code record} is what metrics.jsonl records. */
    default void onStep(StepRecord record) {}

    /** An evaluation on the held-out pairs finished. */
    default void onEvaluation(EvalRecord record) {}

    /** A checkpoint was written. */
    default void onCheckpoint(Path folder) {}

    /** Something the user should read: a skipped step, an unreliable estimate, a stop request. */
    default void onWarning(String message) {}

    /** A listener that tells {@code first}, then {@code second}, everything. */
    static TrainingListener both(TrainingListener first, TrainingListener second) {
        return new TrainingListener() {
            @Override
            public void onReferenceProgress(int done, int total) {
                first.onReferenceProgress(done, total);
                second.onReferenceProgress(done, total);
            }

            @Override
            public void onStart(long firstStep, long totalSteps) {
                first.onStart(firstStep, totalSteps);
                second.onStart(firstStep, totalSteps);
            }

            @Override
            public void onStep(StepRecord record) {
                first.onStep(record);
                second.onStep(record);
            }

            @Override
            public void onEvaluation(EvalRecord record) {
                first.onEvaluation(record);
                second.onEvaluation(record);
            }

            @Override
            public void onCheckpoint(Path folder) {
                first.onCheckpoint(folder);
                second.onCheckpoint(folder);
            }

            @Override
            public void onWarning(String message) {
                first.onWarning(message);
                second.onWarning(message);
            }
        };
    }
}
