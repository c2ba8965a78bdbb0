package dev.mopo.djl.model;

/** How an architecture stores the query, key and value projections. */
public enum QkvLayout {
    /** Three matrices {@code q_proj}, {@code k_proj}, {@code v_proj} (Llama family, OPT). */
    SEPARATE,
    /** One {@code [3E, E]} matrix whose output, viewed {@code [T, H, 3D]}, splits into q, k, v per head (GPT-NeoX). */
    FUSED_PER_HEAD,
    /** One matrix whose output columns are {@code [q | k | v]}, each {@code E} wide (GPT-2). */
    FUSED_BLOCKS
}
