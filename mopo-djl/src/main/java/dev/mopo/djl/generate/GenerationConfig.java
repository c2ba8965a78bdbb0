package dev.mopo.djl.generate;

import dev.mopo.core.Checks;
import java.util.List;

/**
 * How to continue prompts.
 *
 * @param maxNewTokens the token budget per prompt
 * @param temperature 0 for greedy decoding, otherwise the softmax temperature
 * @param topP nucleus sampling: sample from the smallest set of most likely tokens whose mass
 *     reaches {@code topP} (1 = all tokens); ignored when greedy
 * @param topK sample only from the {@code topK} most likely tokens (0 = all), before top-p, as
 *     transformers orders its logits warpers; ignored when greedy
 * @param seed the sampling seed (same seed, same model and device → same output)
 * @param eosTokenIds generation of a sequence stops after any of these
 * @param padTokenId what finished sequences are padded with (left padding of prompts, too)
 */
public record GenerationConfig(int maxNewTokens, double temperature, double topP, int topK, long seed,
        List<Long> eosTokenIds, long padTokenId) {

    /** Validates the fields. */
    public GenerationConfig {
        if (maxNewTokens < 0) {
            throw new IllegalArgumentException("max_new_tokens must be >= 0, got " + maxNewTokens);
        }
        Checks.nonNegative("temperature", temperature);
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
        }
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** Greedy decoding (argmax at every step). */
    public static GenerationConfig greedy(int maxNewTokens, List<Long> eosTokenIds, long padTokenId) {
        return new GenerationConfig(maxNewTokens, 0, 1, 0, 0, eosTokenIds, padTokenId);
    }

    /** Temperature / top-p sampling with a seed, every token a candidate (no top-k). */
    public static GenerationConfig sampling(int maxNewTokens, double temperature, double topP, long seed,
            List<Long> eosTokenIds, long padTokenId) {
        if (temperature == 0) {
            throw new IllegalArgumentException("sampling needs a temperature > 0; use greedy() for argmax decoding");
        }
        return new GenerationConfig(maxNewTokens, temperature, topP, 0, seed, eosTokenIds, padTokenId);
    }

    /** True for argmax decoding. */
    public boolean isGreedy() {
        return temperature == 0;
    }
}
