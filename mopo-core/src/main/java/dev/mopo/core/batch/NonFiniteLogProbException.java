package dev.mopo.core.batch;

/**
 * A log-prob or reward in a batch is NaN or infinite. A trainer catches this to skip the step
 * (the policy diverged) rather than corrupt its state.
 */
public final class NonFiniteLogProbException extends IllegalArgumentException {

    /** An exception whose message names the field, the position and the value. */
    public NonFiniteLogProbException(String message) {
        super(message);
    }
}
