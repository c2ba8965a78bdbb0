package dev.mopo.core.batch;

/**
 * Eq. 3's per-prompt normaliser estimated from more than a batch (spec §10): for the score
 * {@code s(y) = p̄_1(y) + Σ_{k≥2} λ_k p̄_k(y)}, {@code log Z(x) = log E_{y∼π_ref(·|x)} exp(s(y)/τ)}
 * over every response a corpus holds for prompt {@code x}. With it, a batch that holds one pair of
 * a prompt weights each response by {@code ρ(y) = exp(s(y)/τ) / Z(x)}, the ratio of the tilted
 * policy the multipliers were solved for, instead of normalising over the pair alone (which
 * clones a much flatter tilt when the corpus has many responses per prompt).
 */
public interface PromptNormalisers {

    /**
     * {@code log Z(x)} of the prompt with id {@code prompt}.
     *
     * @param prompt the prompt id, as the batch's {@code promptIds} give it
     * @param lambda the multipliers {@code λ_2 … λ_K}
     * @param tau the KL strength, positive
     * @return the log normaliser, or NaN when the prompt is not known
     */
    double logNormaliser(long prompt, double[] lambda, double tau);
}
