package dev.mopo.bench.score;

import java.io.IOException;
import java.util.Map;

/**
 * A scorer failed on a request: its process exited or answered something other than the protocol's
 * JSON, or it produced a score that is not finite. The message is one line naming the scorer and
 * the request (prompt and response, shortened).
 */
public class ScorerException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The scores of the requests answered before the failure, objective → one per request; empty for none. */
    private final transient Map<String, double[]> answered;

    /** A failure described by {@code message}. */
    public ScorerException(String message) {
        this(message, Map.of(), null);
    }

    /**
     * A failure described by {@code message} (caused by {@code cause}, or null) after the first requests of a
     * call were scored: {@code answered} holds their scores, objective → one per request, so that they are kept.
     */
    public ScorerException(String message, Map<String, double[]> answered, Throwable cause) {
        super(message, cause);
        this.answered = Map.copyOf(answered);
    }

    /** The scores of the requests answered before the failure, in request order; empty for none. */
    public Map<String, double[]> answered() {
        return answered;
    }
}
