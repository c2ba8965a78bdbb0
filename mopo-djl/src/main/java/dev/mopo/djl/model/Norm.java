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
 * for RMSNorm, and cast back.
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
            NDArray x32 = x.toType(DataType.FLOAT32, false);
            NDArray rms = x32.square().mean(new int[] {-1}, true).add(eps).sqrt();
            return x32.div(rms).toType(type, false).mul(w);
        }
        NDArray b = value(store, bias, x.getDevice(), training);
        NDArray x32 = x.toType(DataType.FLOAT32, false);
        NDArray y = x32.getNDArrayInternal().layerNorm(x32, new Shape(width), w.toType(DataType.FLOAT32, false),
                b.toType(DataType.FLOAT32, false), eps).singletonOrThrow();
        return y.toType(type, false);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }
}
