package dev.mopo.bench.score;

import ai.djl.Device;
import java.util.Objects;

/**
 * Where and how scorers that compute run.
 *
 * @param device the device a reward model is loaded on
 * @param batchSize sequences per reward-model forward pass (and requests per call to a scorer)
 */
public record ScorerContext(Device device, int batchSize) {

    /** Checks the fields. */
    public ScorerContext {
        Objects.requireNonNull(device, "device");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }
    }
}
