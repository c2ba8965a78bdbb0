package dev.mopo.core.dual;

import ai.djl.util.JsonUtils;

/**
 * Everything the dual step remembers, for checkpoints: the multipliers, the smoothed estimates
 * ({@code null} before the first update) and the number of updates so far.
 *
 * @param lambda {@code λ_2 … λ_K}
 * @param smoothedWinRates the EMA of {@code P̂_1 … P̂_K}, or {@code null}
 * @param updates the number of updates applied
 */
public record DualState(double[] lambda, double[] smoothedWinRates, long updates) {

    /** This state as JSON. */
    public String toJson() {
        return JsonUtils.GSON.toJson(this);
    }

    /** A state from {@link #toJson()}'s output; a malformed document is an error saying so. */
    public static DualState fromJson(String json) {
        DualState state;
        try {
            state = JsonUtils.GSON.fromJson(json, DualState.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("dual state is not valid JSON: " + e.getMessage(), e);
        }
        if (state == null || state.lambda() == null) {
            throw new IllegalArgumentException("dual state has no 'lambda' field: " + json);
        }
        return state;
    }
}
