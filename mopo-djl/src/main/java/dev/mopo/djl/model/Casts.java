package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Float casts that autograd follows. DJL's {@code NDArray.toType} detaches the graph (its native
 * call runs without gradient recording), so an fp16 forward that computes norms and softmax in
 * fp32 needs other routes: widening by type promotion (adding an fp32 zero of rank one), narrowing
 * by copying into an array of the narrower type; PyTorch differentiates both.
 */
public final class Casts {

    private Casts() {}

    /** {@code x} as fp32: {@code x} itself when it is fp32, else a widened copy gradients flow back through. */
    public static NDArray toFloat32(NDArray x) {
        if (x.getDataType() == DataType.FLOAT32) {
            return x;
        }
        return x.add(x.getManager().zeros(new Shape(1), DataType.FLOAT32));
    }

    /**
     * {@code x} as {@code type}; with {@code training}, by the differentiable routes above, else by
     * {@code toType} (the same values, without the graph).
     */
    public static NDArray to(NDArray x, DataType type, boolean training) {
        if (x.getDataType() == type) {
            return x;
        }
        if (!training) {
            return x.toType(type, false);
        }
        if (type == DataType.FLOAT32) {
            return toFloat32(x);
        }
        NDArray narrow = x.getManager().zeros(x.getShape(), type);
        narrow.set(new NDIndex(":"), x);
        return narrow;
    }
}
