package dev.mopo.bench.score;

import java.io.IOException;

/**
 * A scorer failed on a request: its process exited or answered something other than the protocol's
 * JSON, or it produced a score that is not finite. The message is one line naming the scorer and
 * the request (prompt and response, shortened).
 */
public class ScorerException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public ScorerException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public ScorerException(String message, Throwable cause) {
        super(message, cause);
    }
}
