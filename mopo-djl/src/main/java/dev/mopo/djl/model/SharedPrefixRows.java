package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Rows that hold several sequences sharing one prefix, side by side: a prompt, then each of its
 * continuations in turn, e.g. {@code [prompt | response a | response b | padding]}. Each token
 * carries its position in its own sequence and a segment: {@code 0} for the shared prefix,
 * {@code 1, 2, …} for the continuations, {@code −1} for padding. A token sees the earlier tokens
 * of the prefix and of its own segment only, so every continuation is computed exactly as if it
 * followed the prefix alone, while the prefix is computed once (the attention pattern of
 * "prefix sharing" or tree attention).
 *
 * @param positions position ids {@code [B, T]}, int64: the prefix counts from 0, every continuation from the prefix's length
 * @param segments segment ids {@code [B, T]}, int64
 */
public record SharedPrefixRows(NDArray positions, NDArray segments) {

    /** Validates that both arrays are {@code [B, T]} of the same shape. */
    public SharedPrefixRows {
        Shape shape = positions.getShape();
        if (shape.dimension() != 2 || !segments.getShape().equals(shape)) {
            throw new IllegalArgumentException("positions and segments must both be [B, T], got " + shape + " and "
                    + segments.getShape());
        }
    }
}
