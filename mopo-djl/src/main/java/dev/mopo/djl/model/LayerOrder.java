package dev.mopo.djl.model;

/** Where a decoder layer puts its norms and residual additions. */
public enum LayerOrder {
    /** {@code h = x + attn(n1(x)); out = h + mlp(n2(h))} — Llama, GPT-2, OPT pre-LN, NeoX sequential. */
    PRE_NORM,
    /** {@code out = x + attn(n1(x)) + mlp(n2(x))} — GPT-NeoX {@code use_parallel_residual}. */
    PARALLEL,
    /** {@code h = n1(x + attn(x)); out = n2(h + mlp(h))} — OPT-350m ({@code do_layer_norm_before: false}). */
    POST_NORM
}
