package dev.mopo.djl.model;

/** The normalisation layer an architecture uses. */
public enum NormKind {
    /** {@code w ⊙ x / sqrt(mean(x²) + eps)}, no bias (Llama family). */
    RMS,
    /** {@code (x − mean) / sqrt(var + eps) ⊙ w + b} (GPT-NeoX, OPT, GPT-2). */
    LAYER
}
