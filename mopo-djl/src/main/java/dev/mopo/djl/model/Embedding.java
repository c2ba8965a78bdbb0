package dev.mopo.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** A lookup table {@code [rows, width]}: token embeddings, learned positions, and the tied output matrix. */
final class Embedding extends NamedBlock {

    private final long width;
    private final Parameter weight;

    /** A table named {@code name} ({@code name.weight}). */
    Embedding(String name, long rows, long width) {
        this.width = width;
        this.weight = parameter(name + ".weight", Parameter.Type.WEIGHT, rows, width);
    }

    /** Rows for integer {@code ids} of any shape: {@code [..., width]}. */
    NDArray lookup(ParameterStore store, NDArray ids, boolean training) {
        NDArray table = value(store, weight, ids.getDevice(), training);
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** The table itself, for a tied output head. */
    NDArray table(ParameterStore store, Device device, boolean training) {
        return value(store, weight, device, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(lookup(store, inputs.singletonOrThrow(), training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(width)};
    }
}
