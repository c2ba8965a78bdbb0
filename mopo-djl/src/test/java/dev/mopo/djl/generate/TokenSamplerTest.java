package dev.mopo.djl.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Top-k restricts the draw to the k most likely tokens, before the top-p nucleus. */
class TokenSamplerTest {

    private static final float[] LOGITS = {0.1f, 2.0f, 1.5f, -1.0f, 1.9f};

    @Test
    void topKKeepsOnlyTheMostLikelyTokens() {
        assertEquals(Set.of(1), draws(1, 1.0));
        assertEquals(Set.of(1, 4), draws(2, 1.0));
        assertEquals(Set.of(0, 1, 2, 3, 4), draws(0, 1.0));
        assertEquals(Set.of(1, 4, 2), draws(3, 1.0));
    }

    @Test
    void topPAppliesToTheTopKTokens() {
        // Of the top two (logits 2.0 and 1.9, about 52.5 % and 47.5 % of their mass), a nucleus of 0.5 keeps one.
        assertEquals(Set.of(1), draws(2, 0.5));
    }

    private static Set<Integer> draws(int topK, double topP) {
        TokenSampler sampler = new TokenSampler(new GenerationConfig(8, 1.0, topP, topK, 11, List.of(), 0));
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            seen.add(sampler.next(LOGITS));
        }
        return seen;
    }
}
