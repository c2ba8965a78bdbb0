package dev.mopo.core.dual;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Dual states through Jackson, as the trainer writes them into checkpoints. */
final class JsonRoundTrip {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRoundTrip() {}

    static DualState of(DualState state) {
        try {
            return MAPPER.readValue(MAPPER.writeValueAsString(state), DualState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
