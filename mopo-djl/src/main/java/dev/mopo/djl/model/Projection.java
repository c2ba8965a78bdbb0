package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * An affine map {@code [..., in] → [..., out]} with an optional bias, stored either as a
 * {@code torch.nn.Linear} ({@code [out, in]}) or as GPT-2's {@code Conv1D} ({@code [in, out]}).
 * Parameters keep the on-disk layout, so nothing is transposed when loading or saving.
 */
final class Projection extends NamedBlock {

    private final WeightLayout layout;
    private final long outputs;
    private final Parameter weight;
    private final Parameter bias;

    /** A projection named {@code name} ({@code name.weight}, {@code name.bias}). */
    Projection(String name, long inputs, long outputs, boolean hasBias, WeightLayout layout) {
        this.layout = layout;
        this.outputs = outputs;
        this.weight = layout == WeightLayout.OUT_IN
                ? parameter(name + ".weight", Parameter.Type.WEIGHT, outputs, inputs)
                : parameter(name + ".weight", Parameter.Type.WEIGHT, inputs, outputs);
        this.bias = hasBias ? parameter(name + ".bias", Parameter.Type.BIAS, outputs) : null;
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        NDArray w = value(store, weight, x.getDevice(), training);
        NDArray b = bias == null ? null : value(store, bias, x.getDevice(), training);
        if (layout == WeightLayout.OUT_IN) {
            return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
        }
        NDArray y = x.matMul(w);
        return b == null ? y : y.add(b);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].slice(0, inputShapes[0].dimension() - 1).add(outputs)};
    }
}
