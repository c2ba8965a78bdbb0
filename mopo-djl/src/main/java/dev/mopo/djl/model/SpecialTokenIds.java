package dev.mopo.djl.model;

import java.util.List;
import java.util.OptionalLong;

/**
 * The special token ids a config declares.
 *
 * @param bos {@code bos_token_id}
 * @param eos {@code eos_token_id} (a config may list several)
 * @param pad {@code pad_token_id}
 */
public record SpecialTokenIds(OptionalLong bos, List<Long> eos, OptionalLong pad) {

    /** Copies the eos list. */
    public SpecialTokenIds {
        eos = List.copyOf(eos);
    }
}
