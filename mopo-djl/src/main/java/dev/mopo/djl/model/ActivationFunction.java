package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import dev.mopo.core.Scalars;
import java.util.Locale;

/** The MLP activations of the supported architectures, by their transformers names. */
public enum ActivationFunction {
    /** {@code silu}: {@code x·sigmoid(x)} (Llama, Mistral, Qwen2). */
    SILU,
    /** {@code gelu}: the exact erf form {@code 0.5x(1+erf(x/√2))} (GPT-NeoX). */
    GELU_ERF,
    /** {@code gelu_new} and its aliases: the tanh approximation (GPT-2). */
    GELU_TANH,
    /** {@code relu} (OPT). */
    RELU;

    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    /** Applies the activation element-wise. */
    public NDArray apply(NDArray x) {
        switch (this) {
            case SILU:
                return x.mul(Activation.sigmoid(x));
            case GELU_ERF:
                return Activation.gelu(x);
            case GELU_TANH:
                return Scalars.mul(x, 0.5).mul(Scalars.mul(Scalars.mul(Scalars.pow(x, 3), 0.044715).add(x), SQRT_2_OVER_PI)
                        .tanh().add(1));
            case RELU:
                return Activation.relu(x);
            default:
                throw new IllegalStateException(name());
        }
    }

    /**
     * The activation a config names ({@code hidden_act} / {@code activation_function}); an unknown
     * name fails with the supported ones.
     */
    public static ActivationFunction fromName(String name, String field) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "silu":
            case "swish":
                return SILU;
            case "gelu":
                return GELU_ERF;
            case "gelu_new":
            case "gelu_pytorch_tanh":
            case "gelu_fast":
                return GELU_TANH;
            case "relu":
                return RELU;
            default:
                throw new IllegalArgumentException(field + " '" + name + "' is not supported (supported: silu, swish, "
                        + "gelu, gelu_new, gelu_pytorch_tanh, gelu_fast, relu)");
        }
    }
}
