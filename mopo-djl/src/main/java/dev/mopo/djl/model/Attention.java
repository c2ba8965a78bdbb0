package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.mopo.core.Scalars;

/**
 * Causal self-attention, {@code softmax(q·kᵀ·scale + mask)·v} per head, composed from matMul,
 * an additive mask and softmax (DJL exposes no fused kernel). Grouped-query attention without
 * copying keys: query heads {@code h = kv·G + g} (consecutive heads share a kv head, as
 * {@code repeat_interleave}) are folded into the time axis, {@code [B, KV, G·T, D]}, so one batched
 * matMul per kv head covers its whole group. Scores and softmax are fp32 whatever the compute type.
 */
final class Attention extends NamedBlock {

    private final ModelConfig config;
    private final int layer;
    private final QkvLayout qkvLayout;
    private final Projection query;
    private final Projection key;
    private final Projection value;
    private final Projection fused;
    private final Projection output;
    private final float scale;

    /** The attention of layer {@code layer}, whose tensors start with {@code prefix}. */
    Attention(ModelConfig config, String prefix, int layer) {
        this.config = config;
        this.layer = layer;
        TensorNames names = config.architecture().names();
        WeightLayout layout = config.architecture().weightLayout();
        long hidden = config.hiddenSize();
        long queryWidth = (long) config.numHeads() * config.headDim();
        long kvWidth = (long) config.numKvHeads() * config.headDim();
        this.qkvLayout = config.architecture().qkvLayout();
        if (qkvLayout == QkvLayout.SEPARATE) {
            query = addChildBlock("query", new Projection(prefix + names.query(), hidden, queryWidth, config.qkvBias(), layout));
            key = addChildBlock("key", new Projection(prefix + names.key(), hidden, kvWidth, config.qkvBias(), layout));
            value = addChildBlock("value", new Projection(prefix + names.value(), hidden, kvWidth, config.qkvBias(), layout));
            fused = null;
        } else {
            fused = addChildBlock("qkv", new Projection(prefix + names.fusedQkv(), hidden, 3 * queryWidth,
                    config.qkvBias(), layout));
            query = null;
            key = null;
            value = null;
        }
        output = addChildBlock("output", new Projection(prefix + names.output(), queryWidth, hidden,
                config.outputBias(), layout));
        double factor = config.scaleByInverseLayer() ? layer + 1 : 1;
        this.scale = (float) (config.attentionScale() / factor);
    }

    /** {@code x [B, T, E]} → {@code [B, T, E]}. */
    NDArray apply(ParameterStore store, NDArray x, ForwardContext context, boolean training) {
        long batch = x.getShape().get(0);
        long steps = x.getShape().get(1);
        int heads = config.numHeads();
        int kvHeads = config.numKvHeads();
        long dim = config.headDim();
        NDArray q;
        NDArray k;
        NDArray v;
        if (qkvLayout == QkvLayout.SEPARATE) {
            q = heads(query.apply(store, x, training), heads);
            k = heads(key.apply(store, x, training), kvHeads);
            v = heads(value.apply(store, x, training), kvHeads);
        } else if (qkvLayout == QkvLayout.FUSED_PER_HEAD) {
            NDList parts = fused.apply(store, x, training).reshape(batch, steps, heads, 3 * dim).split(3, 3);
            q = parts.get(0).transpose(0, 2, 1, 3);
            k = parts.get(1).transpose(0, 2, 1, 3);
            v = parts.get(2).transpose(0, 2, 1, 3);
        } else {
            NDList parts = fused.apply(store, x, training).split(3, 2);
            q = heads(parts.get(0), heads);
            k = heads(parts.get(1), kvHeads);
            v = heads(parts.get(2), kvHeads);
        }
        q = context.rotate(q);
        k = context.rotate(k);
        if (context.cache() != null) {
            NDList cached = context.cache().append(layer, k, v);
            k = cached.get(0);
            v = cached.get(1);
        }
        long keys = k.getShape().get(2);
        long group = config.groupSize();
        // scaling q rather than the scores: [T, D] instead of [T, keys] values per head, forward and backward
        NDArray scores = Scalars.mul(q, scale).reshape(batch, kvHeads, group * steps, dim).matMul(k.transpose(0, 1, 3, 2));
        NDArray masked = Casts.to(scores.reshape(batch, kvHeads, group, steps, keys), DataType.FLOAT32, training)
                .add(context.mask(config.slidingWindows().get(layer)));
        NDArray probabilities = Casts.to(masked.softmax(-1), q.getDataType(), training);
        NDArray attended = probabilities.reshape(batch, kvHeads, group * steps, keys).matMul(v)
                .reshape(batch, heads, steps, dim)
                .transpose(0, 2, 1, 3)
                .reshape(batch, steps, heads * dim);
        return output.apply(store, attended, training);
    }

    /** {@code [B, T, n·D]} → {@code [B, n, T, D]}: head {@code h} owns columns {@code h·D … h·D+D-1}. */
    private NDArray heads(NDArray projected, int count) {
        long batch = projected.getShape().get(0);
        long steps = projected.getShape().get(1);
        return projected.reshape(batch, steps, count, config.headDim()).transpose(0, 2, 1, 3);
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray ids = x.getManager().zeros(x.getShape().slice(0, 2), DataType.INT64);
        return new NDList(apply(store, x, ForwardContext.create(config, ids, null, null, null, x.getDataType()), training));
    }
}
