package dev.mopo.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * A block whose parameters carry their full Hugging Face tensor names (for example
 * {@code model.layers.0.self_attn.q_proj.weight}), so loading and saving map parameters to
 * checkpoint tensors by name alone.
 */
abstract class NamedBlock extends AbstractBlock {

    /** Declares a parameter of a fixed shape under its checkpoint name. */
    protected final Parameter parameter(String name, Parameter.Type type, long... shape) {
        return addParameter(Parameter.builder().setName(name).setType(type).optShape(new Shape(shape)).build());
    }

    /**
     * A parameter's value on {@code device}, kept out of the caller's {@link NDScope}: the
     * decoder closes its intermediates per layer, and a copy the parameter store made for another
     * device belongs to the store.
     */
    protected static NDArray value(ParameterStore store, Parameter parameter, Device device, boolean training) {
        NDArray array = store.getValue(parameter, device, training);
        NDScope.unregister(array);
        return array;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Pair<String, Block> child : getChildren()) {
            child.getValue().initialize(manager, dataType, inputShapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
