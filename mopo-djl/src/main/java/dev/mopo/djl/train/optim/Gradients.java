package dev.mopo.djl.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gradients of a model's parameters between backward and the optimiser: read, measure,
 * scale, clear. PyTorch accumulates gradients across backward calls (which gradient accumulation
 * relies on), so they are cleared explicitly after every optimiser step.
 */
public final class Gradients {

    private Gradients() {}

    /** Each parameter's gradient in fp32: the gradient itself when it is fp32, else an fp32 copy. */
    public static Map<String, NDArray> of(Map<String, NDArray> parameters) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        parameters.forEach((name, weight) -> gradients.put(name, weight.getGradient().toType(DataType.FLOAT32, false)));
        return gradients;
    }

    /** The global L2 norm {@code sqrt(Σ ‖g‖²)}; NaN or infinite when any gradient is. */
    public static double norm(Map<String, NDArray> gradients) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray total = null;
            for (NDArray g : gradients.values()) {
                NDArray squares = g.square().sum();
                total = total == null ? squares : total.add(squares);
            }
            return total == null ? 0 : Math.sqrt(total.toType(DataType.FLOAT64, false).getDouble());
        }
    }

    /** Multiplies every gradient by {@code factor}, in place. */
    public static void scale(Map<String, NDArray> gradients, double factor) {
        for (NDArray g : gradients.values()) {
            g.muli(factor);
        }
    }

    /** Clears the parameters' accumulated gradients (NaN and infinities included). */
    public static void clear(Map<String, NDArray> parameters) {
        for (NDArray weight : parameters.values()) {
            JniUtils.zeroGrad((PtNDArray) weight);
        }
    }
}
