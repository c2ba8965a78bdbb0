package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One transformer layer: attention and MLP with their norms and residuals, arranged as the
 * config's {@link LayerOrder} says. Intermediates are closed when the layer returns (autograd
 * keeps what backward needs on the native side); the output joins the caller's {@link NDScope}.
 */
final class DecoderLayer extends NamedBlock {

    private final ModelConfig config;
    private final LayerOrder order;
    private final Norm attentionNorm;
    private final Attention attention;
    private final Norm mlpNorm;
    private final FeedForward mlp;

    /** Layer {@code index}. */
    DecoderLayer(ModelConfig config, int index) {
        this.config = config;
        TensorNames names = config.architecture().names();
        String prefix = names.layer(index);
        this.order = config.layerOrder();
        this.attentionNorm = addChildBlock("attention_norm",
                new Norm(config.norm(), prefix + names.attentionNorm(), config.hiddenSize(), config.normEps()));
        this.attention = addChildBlock("attention", new Attention(config, prefix, index));
        this.mlpNorm = addChildBlock("mlp_norm",
                new Norm(config.norm(), prefix + names.mlpNorm(), config.hiddenSize(), config.normEps()));
        this.mlp = addChildBlock("mlp", new FeedForward(config, prefix));
    }

    /** {@code x [B, T, E]} → {@code [B, T, E]}. */
    NDArray apply(ParameterStore store, NDArray x, ForwardContext context, boolean training) {
        NDArray out;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            switch (order) {
                case PRE_NORM: {
                    NDArray h = x.add(attention.apply(store, attentionNorm.apply(store, x, training), context, training));
                    out = h.add(mlp.apply(store, mlpNorm.apply(store, h, training), training));
                    break;
                }
                case PARALLEL: {
                    NDArray attended = attention.apply(store, attentionNorm.apply(store, x, training), context, training);
                    NDArray transformed = mlp.apply(store, mlpNorm.apply(store, x, training), training);
                    out = transformed.add(attended).add(x);
                    break;
                }
                case POST_NORM: {
                    NDArray h = attentionNorm.apply(store, x.add(attention.apply(store, x, context, training)), training);
                    out = mlpNorm.apply(store, h.add(mlp.apply(store, h, training)), training);
                    break;
                }
                default:
                    throw new IllegalStateException(order.name());
            }
            NDScope.unregister(out);
        }
        NDScope.register(out);
        return out;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray ids = x.getManager().zeros(x.getShape().slice(0, 2), DataType.INT64);
        ForwardContext context = ForwardContext.create(config, ids, null, null, null, x.getDataType());
        return new NDList(apply(store, x, context, training));
    }
}
