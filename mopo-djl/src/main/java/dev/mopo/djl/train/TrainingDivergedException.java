package dev.mopo.djl.train;

/** Too many steps had non-finite losses or gradients: the run stops rather than corrupt the policy. */
public final class TrainingDivergedException extends IllegalStateException {

    /** An exception whose message says what happened and what to try. */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
