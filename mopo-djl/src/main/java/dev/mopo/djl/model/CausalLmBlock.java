package dev.mopo.djl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A decoder-only language model as one DJL block, built from a {@link ModelConfig}: token
 * embedding (+ OPT's {@code project_in}, + learned positions for OPT/GPT-2), the layers, the final
 * norm (+ {@code project_out}), and the output head — its own matrix, or the embedding when tied.
 * Every parameter is named after its Hugging Face tensor. Differentiable end to end: run it inside
 * a {@code GradientCollector} with {@code training = true} to fine-tune.
 *
 * <p>{@link #forwardInternal} takes {@code [ids]} or {@code [ids, attentionMask]} and returns
 * {@code [logits]} (without an output head: {@code [hidden states]});
 * {@link #forward(ParameterStore, NDArray, NDArray, NDArray, KvCache, boolean)} adds explicit
 * positions and a KV cache. {@link #hiddenStates} stops before the output head; a block built
 * {@linkplain #CausalLmBlock(ModelConfig, boolean) without one} (the base model of a
 * sequence-classification checkpoint, which has no {@code lm_head}) offers only that.
 */
public final class CausalLmBlock extends NamedBlock {

    private final ModelConfig config;
    private final Embedding embedding;
    private final Projection projectIn;
    private final Embedding positionEmbedding;
    private final List<DecoderLayer> layers;
    private final Norm finalNorm;
    private final Projection projectOut;
    private final Projection head;
    private final boolean outputHead;

    /** The block for {@code config}, parameters declared but not yet initialised. */
    public CausalLmBlock(ModelConfig config) {
        this(config, true);
    }

    /**
     * The block for {@code config}, with or without the output head (its own {@code lm_head}
     * matrix, or the tied embedding). Without it, {@link #forward} fails and only
     * {@link #hiddenStates} gives results; the parameters are those of transformers' base model
     * ({@code LlamaModel}, {@code GPT2Model}, …).
     */
    public CausalLmBlock(ModelConfig config, boolean outputHead) {
        this.config = config;
        this.outputHead = outputHead;
        TensorNames names = config.architecture().names();
        WeightLayout layout = config.architecture().weightLayout();
        int hidden = config.hiddenSize();
        int wordWidth = config.wordEmbedDim();
        embedding = addChildBlock("embedding", new Embedding(names.embed(), config.vocabSize(), wordWidth));
        boolean projected = wordWidth != hidden;
        projectIn = projected
                ? addChildBlock("project_in", new Projection(names.projectIn(), wordWidth, hidden, false, layout))
                : null;
        positionEmbedding = config.rope() == null
                ? addChildBlock("positions", new Embedding(names.positions(),
                        config.maxPositions() + config.positionOffset(), hidden))
                : null;
        List<DecoderLayer> list = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            list.add(addChildBlock("layer" + i, new DecoderLayer(config, i)));
        }
        layers = Collections.unmodifiableList(list);
        finalNorm = config.finalNorm()
                ? addChildBlock("final_norm", new Norm(config.norm(), names.finalNorm(), hidden, config.normEps()))
                : null;
        projectOut = projected
                ? addChildBlock("project_out", new Projection(names.projectOut(), hidden, wordWidth, false, layout))
                : null;
        head = config.tiedEmbeddings() || !outputHead
                ? null
                : addChildBlock("head", new Projection(names.head(), wordWidth, config.vocabSize(), false,
                        WeightLayout.OUT_IN));
    }

    /** The config this block was built from. */
    public ModelConfig config() {
        return config;
    }

    /**
     * Logits {@code [B, T, V]} in the compute type, attached to the manager of {@code ids} (and to
     * the caller's {@link NDScope}, if any); intermediates are closed before returning.
     *
     * @param store the parameter store (a single-device one: parameters must live on the device of {@code ids})
     * @param ids token ids {@code [B, T]}
     * @param attentionMask {@code [B, past + T]}, 1 for real tokens and 0 for padding, or null for none
     * @param positions position ids {@code [B, T]}, or null for the architecture's default
     * @param cache the KV cache to read and extend, or null
     * @param training whether this pass is for training (records parameters for autograd)
     * @throws IllegalStateException when the block was built without its output head
     */
    public NDArray forward(ParameterStore store, NDArray ids, NDArray attentionMask, NDArray positions,
            KvCache cache, boolean training) {
        requireHead();
        NDArray logits;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            logits = logits(store, decode(store, ids, attentionMask, positions, cache, training), training);
            NDScope.unregister(logits);
        }
        NDScope.register(logits);
        return logits;
    }

    /**
     * The output head applied to hidden states {@code [..., W]} (from {@link #hiddenStates}, or a
     * selection of their positions): logits {@code [..., V]} in the compute type, with the
     * {@code lm_head} matrix or, when tied, the embedding.
     *
     * @throws IllegalStateException when the block was built without its output head
     */
    public NDArray logits(ParameterStore store, NDArray hidden, boolean training) {
        requireHead();
        return head != null
                ? head.apply(store, hidden, training)
                : hidden.getNDArrayInternal().linear(hidden, embedding.table(store, hidden.getDevice(), training), null)
                        .singletonOrThrow();
    }

    /**
     * The final hidden states {@code [B, T, W]}: the output of the last layer after the final norm
     * and, for OPT, {@code project_out} — what transformers' base model returns as
     * {@code last_hidden_state} (for OPT, what its heads read), so {@code W} is
     * {@link ModelConfig#wordEmbedDim()} (the hidden size except for OPT with a projection).
     * In the compute type, attached like {@link #forward}'s logits; the parameters are those of
     * {@link #forward}.
     */
    public NDArray hiddenStates(ParameterStore store, NDArray ids, NDArray attentionMask, NDArray positions,
            KvCache cache, boolean training) {
        NDArray h;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            h = decode(store, ids, attentionMask, positions, cache, training);
            NDScope.unregister(h);
        }
        NDScope.register(h);
        return h;
    }

    /**
     * The final hidden states {@code [B, T, W]}, as {@link #hiddenStates(ParameterStore, NDArray,
     * NDArray, NDArray, KvCache, boolean)}, of rows that hold a shared prefix and its
     * continuations side by side ({@link SharedPrefixRows}): each continuation's states equal
     * those of the prefix and that continuation alone in a row of their own.
     */
    public NDArray hiddenStates(ParameterStore store, NDArray ids, SharedPrefixRows rows, boolean training) {
        NDArray h;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray table = embedding.table(store, ids.getDevice(), training);
            h = decode(store, ids, ForwardContext.create(config, ids, rows, table.getDataType()), training);
            NDScope.unregister(h);
        }
        NDScope.register(h);
        return h;
    }

    private void requireHead() {
        if (!outputHead) {
            throw new IllegalStateException("this " + config.modelType() + " block has no output head: use hiddenStates");
        }
    }

    /** Everything before the head, inside the caller's scope; advances the cache. */
    private NDArray decode(ParameterStore store, NDArray ids, NDArray attentionMask, NDArray positions,
            KvCache cache, boolean training) {
        NDArray table = embedding.table(store, ids.getDevice(), training);
        NDArray h = decode(store, ids, ForwardContext.create(config, ids, attentionMask, positions, cache,
                table.getDataType()), training);
        if (cache != null) {
            cache.advance(ids.getShape().get(1));
        }
        return h;
    }

    private NDArray decode(ParameterStore store, NDArray ids, ForwardContext context, boolean training) {
        NDArray h = embedding.lookup(store, ids, training);
        if (projectIn != null) {
            h = projectIn.apply(store, h, training);
        }
        if (positionEmbedding != null) {
            h = h.add(positionEmbedding.lookup(store, context.positions().add(config.positionOffset()), training));
        }
        for (DecoderLayer layer : layers) {
            h = layer.apply(store, h, context, training);
        }
        if (finalNorm != null) {
            h = finalNorm.apply(store, h, training);
        }
        if (projectOut != null) {
            h = projectOut.apply(store, h, training);
        }
        return h;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray mask = inputs.size() > 1 ? inputs.get(1) : null;
        return new NDList(outputHead
                ? forward(store, inputs.get(0), mask, null, null, training)
                : hiddenStates(store, inputs.get(0), mask, null, null, training));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(outputHead ? config.vocabSize() : config.wordEmbedDim())};
    }
}
