package dev.mopo.djl.model;

import dev.mopo.core.Checks;
import java.util.List;

/**
 * One architecture-neutral description of a decoder-only transformer, normalised from a Hugging
 * Face {@code config.json} by {@link ConfigParser}; the decoder is built from this alone.
 *
 * @param architecture the {@code model_type}
 * @param vocabSize V
 * @param hiddenSize E
 * @param numLayers the number of decoder layers
 * @param numHeads H, query heads
 * @param numKvHeads KV, key/value heads (H for multi-head attention; q head h uses kv head h / (H/KV))
 * @param headDim D, which may differ from E/H (Mistral-Nemo style)
 * @param intermediateSize I, the MLP width
 * @param maxPositions {@code max_position_embeddings} ({@code n_positions} for GPT-2)
 * @param norm RMSNorm or LayerNorm
 * @param normEps the norm epsilon
 * @param activation the MLP activation
 * @param gatedMlp {@code down(act(gate(x)) ⊙ up(x))} when true, {@code down(act(up(x)))} when false
 * @param qkvBias whether q/k/v projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param mlpBias whether the MLP projections have biases
 * @param rope rotary embedding settings, or null for learned absolute positions
 * @param positionOffset the row of the position embedding holding position 0 (OPT: 2)
 * @param layerOrder where norms and residuals go
 * @param finalNorm whether a norm follows the last layer
 * @param wordEmbedDim the token embedding width (OPT {@code word_embed_proj_dim}; else E)
 * @param tiedEmbeddings whether the output matrix is the token embedding
 * @param attentionScale the factor on {@code q·kᵀ} (normally {@code D^-0.5})
 * @param scaleByInverseLayer GPT-2's {@code scale_attn_by_inverse_layer_idx}: also divide by layer index + 1
 * @param slidingWindows per layer, the attention window ({@code i − j < W}), or 0 for full attention
 * @param specialTokens bos/eos/pad ids from the config
 */
public record ModelConfig(Architecture architecture, int vocabSize, int hiddenSize, int numLayers, int numHeads,
        int numKvHeads, int headDim, int intermediateSize, int maxPositions, NormKind norm, double normEps,
        ActivationFunction activation, boolean gatedMlp, boolean qkvBias, boolean outputBias, boolean mlpBias,
        Rope rope, int positionOffset, LayerOrder layerOrder, boolean finalNorm, int wordEmbedDim,
        boolean tiedEmbeddings, double attentionScale, boolean scaleByInverseLayer, List<Integer> slidingWindows,
        SpecialTokenIds specialTokens) {

    /** Checks the sizes fit together. */
    public ModelConfig {
        Checks.atLeastOne("vocab_size", vocabSize);
        Checks.atLeastOne("hidden_size", hiddenSize);
        Checks.atLeastOne("num_hidden_layers", numLayers);
        Checks.atLeastOne("num_attention_heads", numHeads);
        Checks.atLeastOne("num_key_value_heads", numKvHeads);
        Checks.atLeastOne("head_dim", headDim);
        Checks.atLeastOne("intermediate_size", intermediateSize);
        Checks.atLeastOne("max_position_embeddings", maxPositions);
        Checks.atLeastOne("word_embed_proj_dim", wordEmbedDim);
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException("num_attention_heads (" + numHeads
                    + ") must be a multiple of num_key_value_heads (" + numKvHeads + ")");
        }
        if (rope != null && rope.rotaryDim() > headDim) {
            throw new IllegalArgumentException("rotary dims (" + rope.rotaryDim() + ") exceed head_dim (" + headDim + ")");
        }
        if (!(normEps > 0)) {
            throw new IllegalArgumentException("norm epsilon must be > 0, got " + normEps);
        }
        slidingWindows = List.copyOf(slidingWindows);
        if (slidingWindows.size() != numLayers) {
            throw new IllegalArgumentException("sliding windows must list one entry per layer (" + numLayers
                    + "), got " + slidingWindows.size());
        }
    }

    /** The {@code model_type} string. */
    public String modelType() {
        return architecture.modelType();
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return numHeads / numKvHeads;
    }
}
