package dev.mopo.djl.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The supported {@code model_type}s: what differs between them beyond the config values — tensor
 * names, how q/k/v are stored, projection layout, and where position ids come from.
 */
public enum Architecture {
    /** Llama 1–3.x, SmolLM, TinyLlama, … */
    LLAMA("llama", llamaNames(), QkvLayout.SEPARATE, WeightLayout.OUT_IN, false),
    /** Mistral (Llama with an optional sliding window). */
    MISTRAL("mistral", llamaNames(), QkvLayout.SEPARATE, WeightLayout.OUT_IN, false),
    /** Qwen2 / Qwen2.5 (Llama with q/k/v biases). */
    QWEN2("qwen2", llamaNames(), QkvLayout.SEPARATE, WeightLayout.OUT_IN, false),
    /** GPT-NeoX / Pythia. */
    GPT_NEOX("gpt_neox", new TensorNames("gpt_neox.", "gpt_neox.embed_in", null, null, null, "gpt_neox.layers",
            "input_layernorm", "post_attention_layernorm", null, null, null, "attention.query_key_value",
            "attention.dense", null, "mlp.dense_h_to_4h", "mlp.dense_4h_to_h", "gpt_neox.final_layer_norm",
            "embed_out"), QkvLayout.FUSED_PER_HEAD, WeightLayout.OUT_IN, false),
    /** OPT: learned positions (offset 2) derived from the attention mask. */
    OPT("opt", new TensorNames("model.", "model.decoder.embed_tokens", "model.decoder.embed_positions",
            "model.decoder.project_in", "model.decoder.project_out", "model.decoder.layers", "self_attn_layer_norm",
            "final_layer_norm", "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", null,
            "self_attn.out_proj", null, "fc1", "fc2", "model.decoder.final_layer_norm", "lm_head"),
            QkvLayout.SEPARATE, WeightLayout.OUT_IN, true),
    /** GPT-2: learned positions and Conv1D ({@code [in, out]}) projections. */
    GPT2("gpt2", new TensorNames("transformer.", "transformer.wte", "transformer.wpe", null, null, "transformer.h",
            "ln_1", "ln_2", null, null, null, "attn.c_attn", "attn.c_proj", null, "mlp.c_fc", "mlp.c_proj",
            "transformer.ln_f", "lm_head"), QkvLayout.FUSED_BLOCKS, WeightLayout.IN_OUT, false);

    private final String modelType;
    private final TensorNames names;
    private final QkvLayout qkvLayout;
    private final WeightLayout weightLayout;
    private final boolean positionsFromMask;

    Architecture(String modelType, TensorNames names, QkvLayout qkvLayout, WeightLayout weightLayout,
            boolean positionsFromMask) {
        this.modelType = modelType;
        this.names = names;
        this.qkvLayout = qkvLayout;
        this.weightLayout = weightLayout;
        this.positionsFromMask = positionsFromMask;
    }

    private static TensorNames llamaNames() {
        return new TensorNames("model.", "model.embed_tokens", null, null, null, "model.layers", "input_layernorm",
                "post_attention_layernorm", "self_attn.q_proj", "self_attn.k_proj", "self_attn.v_proj", null,
                "self_attn.o_proj", "mlp.gate_proj", "mlp.up_proj", "mlp.down_proj", "model.norm", "lm_head");
    }

    /** The {@code model_type} in config.json. */
    public String modelType() {
        return modelType;
    }

    /** The tensor names. */
    public TensorNames names() {
        return names;
    }

    /** How q, k and v are stored. */
    public QkvLayout qkvLayout() {
        return qkvLayout;
    }

    /** How projection matrices are stored. */
    public WeightLayout weightLayout() {
        return weightLayout;
    }

    /**
     * True when position ids come from the attention mask ({@code cumsum(mask)·mask − 1}, OPT);
     * otherwise they are {@code 0..T-1} whatever the mask, as transformers does.
     */
    public boolean positionsFromMask() {
        return positionsFromMask;
    }

    /** The architecture of a {@code model_type}; an unknown one fails listing the supported types. */
    public static Architecture fromModelType(String modelType) {
        for (Architecture architecture : values()) {
            if (architecture.modelType.equals(modelType)) {
                return architecture;
            }
        }
        throw new IllegalArgumentException("model_type '" + modelType + "' is not supported (supported: "
                + Arrays.stream(values()).map(Architecture::modelType).collect(Collectors.joining(", ")) + ")");
    }
}
