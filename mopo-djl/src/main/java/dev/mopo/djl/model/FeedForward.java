package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** The MLP: gated {@code down(act(gate(x)) ⊙ up(x))} (Llama family) or plain {@code down(act(up(x)))}. */
final class FeedForward extends NamedBlock {

    private final ActivationFunction activation;
    private final Projection gate;
    private final Projection up;
    private final Projection down;

    /** The MLP of the layer whose tensors start with {@code prefix}. */
    FeedForward(ModelConfig config, String prefix) {
        TensorNames names = config.architecture().names();
        WeightLayout layout = config.architecture().weightLayout();
        long hidden = config.hiddenSize();
        long inner = config.intermediateSize();
        this.activation = config.activation();
        this.gate = config.gatedMlp()
                ? addChildBlock("gate", new Projection(prefix + names.gate(), hidden, inner, config.mlpBias(), layout))
                : null;
        this.up = addChildBlock("up", new Projection(prefix + names.up(), hidden, inner, config.mlpBias(), layout));
        this.down = addChildBlock("down", new Projection(prefix + names.down(), inner, hidden, config.mlpBias(), layout));
    }

    NDArray apply(ParameterStore store, NDArray x, boolean training) {
        NDArray inner = gate == null
                ? activation.apply(up.apply(store, x, training))
                : activation.apply(gate.apply(store, x, training)).mul(up.apply(store, x, training));
        return down.apply(store, inner, training);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(apply(store, inputs.singletonOrThrow(), training));
    }
}
