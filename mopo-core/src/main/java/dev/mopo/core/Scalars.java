package dev.mopo.core;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic between an array and a constant, safe where autograd records it.
 *
 * <p>DJL 0.36's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code pow(Number)},
 * {@code maximum(Number)} and {@code minimum(Number)} wrap the constant in a tensor over a Java
 * direct buffer ({@code torch::from_blob}, no copy) and close it as soon as the operation returns.
 * PyTorch's autograd keeps that tensor for backward (the other factor of a product, the divisor,
 * the bound of a maximum); once the garbage collector frees the buffer, backward reads freed
 * memory: gradients that are silently wrong, now and then NaN, and different from run to run.
 * These methods make the constant in the engine's own memory instead. Use them for every
 * operation on a differentiable path; outside autograd (optimiser updates, statistics) DJL's
 * overloads are safe.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x · value}. */
    public static NDArray mul(NDArray x, Number value) {
        return x.mul(constant(x, value));
    }

    /** {@code x / value}. */
    public static NDArray div(NDArray x, Number value) {
        return x.div(constant(x, value));
    }

    /** {@code x ^ value}. */
    public static NDArray pow(NDArray x, Number value) {
        return x.pow(constant(x, value));
    }

    /** {@code max(x, value)} elementwise. */
    public static NDArray maximum(NDArray x, Number value) {
        return x.maximum(constant(x, value));
    }

    /**
     * {@code value} as a scalar array on {@code like}'s manager, of the type DJL's overloads give it
     * (so that results are bit-identical to theirs), copied into engine memory.
     */
    public static NDArray constant(NDArray like, Number value) {
        try (NDArray javaOwned = like.getManager().create(value)) {
            return javaOwned.duplicate();
        }
    }
}
