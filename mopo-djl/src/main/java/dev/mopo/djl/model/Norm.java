package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * RMSNorm ({@code w ⊙ x / sqrt(mean(x²) + eps)}, no bias) or LayerNorm (biased variance, weight
 * and bias) over the last axis. Computed in fp32 whatever the compute type, as transformers does
 * for RMSNorm, and cast back ({@link Casts}: differentiably when training).
 */
final class Norm extends NamedBlock {

    private final NormKind kind;
    private final long width;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    /** A norm named {@code name} ({@code name.weight}, and {@code name.bias} for LayerNorm). */
    Norm(NormKind kind, String name, long width, double eps) {
        this.kind = kind;
        this.width = width;
        this.eps = (float) eps;
        this.weight = parameter(name + ".weight", Parameter.Type.GAMMA, width);
        this.bias = kind == NormKind.LAYER ? parameter(name + ".bias", Parameter.Type.BETA, width) : null;
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        DataType type = x.getDataType();
        NDArray w = value(store, weight, x.getDevice(), training);
        if (kind == NormKind.RMS) {
            NDArray x32 = Casts.to(x, DataType.FLOAT32, training);
            NDArray rms = x32.square().mean(new int[] {-1}, true).add(eps).sqrt();
            return Casts.to(x32.div(rms), type, training).mul(w);
        }
        NDArray b = value(store, bias, x.getDevice(), training);
        NDArray x32 = Casts.to(x, DataType.FLOAT32, training);
        NDArray w32 = Casts.to(w, DataType.FLOAT32, training);
        NDArray b32 = Casts.to(b, DataType.FLOAT32, training);
        NDArray y = x32.getNDArrayInternal().layerNorm(x32, new Shape(width), w32, b32, eps).singletonOrThrow();
        return Casts.to(y, type, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }
}
