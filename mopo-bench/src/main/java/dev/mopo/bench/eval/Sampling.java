package dev.mopo.bench.eval;

import dev.mopo.djl.generate.GenerationConfig;
import dev.mopo.djl.generate.GenerationDefaults;

/**
 * How policies continue prompts: each setting left null takes the policy's own
 * {@code generation_config.json} (as transformers reads it: greedy unless {@code do_sample}).
 * A temperature above 0 samples; 0 decodes greedily.
 *
 * @param maxNewTokens the token budget per response (null: the generation config's
 *     {@code max_new_tokens}, else {@value #DEFAULT_MAX_NEW_TOKENS})
 * @param temperature the softmax temperature, 0 for greedy (null: the generation config's)
 * @param topP the nucleus mass in (0, 1] (null: the generation config's)
 * @param topK sample from the k most likely tokens, 0 for all (null: the generation config's)
 */
public record Sampling(Integer maxNewTokens, Double temperature, Double topP, Integer topK) {

    /** The token budget when neither the settings nor the generation config give one. */
    public static final int DEFAULT_MAX_NEW_TOKENS = 128;

    /** Every setting from the policy's generation config. */
    public static final Sampling POLICY_DEFAULTS = new Sampling(null, null, null, null);

    /** Checks the given settings. */
    public Sampling {
        if (maxNewTokens != null && maxNewTokens < 1) {
            throw new IllegalArgumentException("max_new_tokens must be >= 1, got " + maxNewTokens);
        }
        if (temperature != null && !(temperature >= 0)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (topP != null && !(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
        }
        if (topK != null && topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0, got " + topK);
        }
    }

    /** The generation settings for a policy whose generation config is {@code defaults}, drawing with {@code seed}. */
    public GenerationConfig resolve(GenerationDefaults defaults, long seed) {
        int budget = maxNewTokens != null ? maxNewTokens
                : (int) defaults.maxNewTokens().orElse(DEFAULT_MAX_NEW_TOKENS);
        boolean sample = temperature == null ? defaults.doSample() : temperature > 0;
        if (!sample) {
            return GenerationConfig.greedy(budget, defaults.eosTokenIds(), defaults.padOrEos());
        }
        return new GenerationConfig(budget, temperature == null ? defaults.temperature() : temperature,
                topP == null ? defaults.topP() : topP, topK == null ? defaults.topK() : topK, seed,
                defaults.eosTokenIds(), defaults.padOrEos());
    }
}
