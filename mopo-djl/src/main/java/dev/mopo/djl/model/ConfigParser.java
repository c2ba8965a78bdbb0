package dev.mopo.djl.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mopo.djl.checkpoint.CheckpointException;
import dev.mopo.djl.checkpoint.JsonFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelConfig}. Both on-disk layouts are
 * understood: transformers 5 ({@code dtype}, {@code rope_parameters}) and transformers 4
 * ({@code torch_dtype}, top-level {@code rope_theta} + {@code rope_scaling}; GPT-NeoX
 * {@code rotary_pct}/{@code rotary_emb_base}). Absent keys take the defaults of the transformers
 * config classes; rope types other than {@code default} and {@code llama3} are refused.
 */
public final class ConfigParser {

    private final JsonObject json;
    private final Path file;

    private ConfigParser(JsonObject json, Path file) {
        this.json = json;
        this.file = file;
    }

    /** Reads and parses a config file. */
    public static ModelConfig read(Path file) throws IOException {
        return parse(JsonFile.read(file), file);
    }

    /** Parses config JSON; {@code file} names the source in error messages. */
    public static ModelConfig parse(JsonObject json, Path file) {
        ConfigParser parser = new ConfigParser(json, file);
        try {
            Architecture architecture = Architecture.fromModelType(parser.requireString("model_type"));
            switch (architecture) {
                case GPT_NEOX:
                    return parser.gptNeox();
                case OPT:
                    return parser.opt();
                case GPT2:
                    return parser.gpt2();
                default:
                    return parser.llamaFamily(architecture);
            }
        } catch (CheckpointException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": " + e.getMessage());
        }
    }

    private ModelConfig llamaFamily(Architecture architecture) {
        int hidden = requireCount("hidden_size");
        int heads = requireCount("num_attention_heads");
        int layers = requireCount("num_hidden_layers");
        int headDim = architecture == Architecture.QWEN2 ? hidden / heads : optInt("head_dim", hidden / heads);
        boolean attentionBias = architecture == Architecture.LLAMA && optBoolean("attention_bias", false);
        boolean qkvBias = architecture == Architecture.QWEN2 || attentionBias;
        boolean mlpBias = architecture == Architecture.LLAMA && optBoolean("mlp_bias", false);
        return new ModelConfig(architecture, requireInt("vocab_size"), hidden, layers, heads,
                optInt("num_key_value_heads", heads), headDim, requireInt("intermediate_size"),
                requireInt("max_position_embeddings"), NormKind.RMS, optDouble("rms_norm_eps", 1e-6),
                ActivationFunction.fromName(optString("hidden_act", "silu"), "hidden_act"), true, qkvBias,
                attentionBias, mlpBias, rope(headDim, 10000.0, 1.0), 0, LayerOrder.PRE_NORM, true, hidden,
                optBoolean("tie_word_embeddings", false), Math.pow(headDim, -0.5), false,
                slidingWindows(architecture, layers), specialTokens(OptionalLong.empty()));
    }

    private ModelConfig gptNeox() {
        int hidden = requireCount("hidden_size");
        int heads = requireCount("num_attention_heads");
        int headDim = hidden / heads;
        boolean bias = optBoolean("attention_bias", true);
        boolean parallel = optBoolean("use_parallel_residual", true);
        int layers = requireCount("num_hidden_layers");
        return new ModelConfig(Architecture.GPT_NEOX, requireInt("vocab_size"), hidden, layers, heads, heads, headDim,
                requireInt("intermediate_size"), requireInt("max_position_embeddings"), NormKind.LAYER,
                optDouble("layer_norm_eps", 1e-5), ActivationFunction.fromName(optString("hidden_act", "gelu"),
                "hidden_act"), false, bias, bias, true,
                rope(headDim, optDouble("rotary_emb_base", 10000.0), optDouble("rotary_pct", 0.25)), 0,
                parallel ? LayerOrder.PARALLEL : LayerOrder.PRE_NORM, true, hidden,
                optBoolean("tie_word_embeddings", false), Math.pow(headDim, -0.5), false, noWindows(layers),
                specialTokens(OptionalLong.empty()));
    }

    private ModelConfig opt() {
        int hidden = requireCount("hidden_size");
        int heads = requireCount("num_attention_heads");
        int layers = requireCount("num_hidden_layers");
        boolean preNorm = optBoolean("do_layer_norm_before", true);
        boolean bias = optBoolean("enable_bias", true);
        if (!optBoolean("layer_norm_elementwise_affine", true)) {
            throw new CheckpointException(file + ": layer_norm_elementwise_affine false is not supported");
        }
        return new ModelConfig(Architecture.OPT, requireInt("vocab_size"), hidden, layers, heads, heads,
                hidden / heads, requireInt("ffn_dim"), requireInt("max_position_embeddings"), NormKind.LAYER, 1e-5,
                ActivationFunction.fromName(optString("activation_function", "relu"), "activation_function"), false,
                bias, bias, bias, null, 2, preNorm ? LayerOrder.PRE_NORM : LayerOrder.POST_NORM,
                preNorm && !optBoolean("_remove_final_layer_norm", false), optInt("word_embed_proj_dim", hidden),
                optBoolean("tie_word_embeddings", true), Math.pow(hidden / heads, -0.5), false, noWindows(layers),
                specialTokens(OptionalLong.of(1)));
    }

    private ModelConfig gpt2() {
        int hidden = requireCount("n_embd");
        int heads = requireCount("n_head");
        int layers = requireCount("n_layer");
        int headDim = hidden / heads;
        double scale = optBoolean("scale_attn_weights", true) ? Math.pow(headDim, -0.5) : 1.0;
        return new ModelConfig(Architecture.GPT2, requireInt("vocab_size"), hidden, layers, heads, heads, headDim,
                optInt("n_inner", 4 * hidden), requireInt("n_positions"), NormKind.LAYER,
                optDouble("layer_norm_epsilon", 1e-5),
                ActivationFunction.fromName(optString("activation_function", "gelu_new"), "activation_function"),
                false, true, true, true, null, 0, LayerOrder.PRE_NORM, true, hidden,
                optBoolean("tie_word_embeddings", true), scale, optBoolean("scale_attn_by_inverse_layer_idx", false),
                noWindows(layers), specialTokens(OptionalLong.empty()));
    }

    /**
     * Rope settings from {@code rope_parameters} (v5) or {@code rope_theta}/{@code rope_scaling}
     * (v4), with an architecture's defaults for theta and the rotated fraction.
     */
    private Rope rope(int headDim, double defaultTheta, double defaultPartial) {
        JsonObject parameters = optObject(json, "rope_parameters");
        double theta;
        double partial;
        JsonObject scaling;
        if (parameters != null) {
            theta = optDouble(parameters, "rope_theta", defaultTheta);
            partial = optDouble(parameters, "partial_rotary_factor", optDouble("partial_rotary_factor", defaultPartial));
            scaling = parameters;
        } else {
            theta = optDouble("rope_theta", defaultTheta);
            partial = optDouble("partial_rotary_factor", defaultPartial);
            scaling = optObject(json, "rope_scaling");
        }
        String type = "default";
        if (scaling != null) {
            type = optString(scaling, "rope_type", optString(scaling, "type", "default"));
        }
        int rotaryDim = (int) (headDim * partial);
        switch (type) {
            case "default":
                return new Rope(theta, rotaryDim, null);
            case "llama3":
                return new Rope(theta, rotaryDim, new Rope.Llama3Scaling(requireDouble(scaling, "factor"),
                        requireDouble(scaling, "low_freq_factor"), requireDouble(scaling, "high_freq_factor"),
                        requireDouble(scaling, "original_max_position_embeddings")));
            default:
                throw new CheckpointException(file + ": rope type '" + type
                        + "' is not supported (supported: default, llama3)");
        }
    }

    private List<Integer> slidingWindows(Architecture architecture, int layers) {
        if (architecture == Architecture.MISTRAL) {
            return Collections.nCopies(layers, slidingWindow());
        }
        if (architecture != Architecture.QWEN2 || !optBoolean("use_sliding_window", false)) {
            return noWindows(layers);
        }
        int window = slidingWindow();
        JsonElement types = json.get("layer_types");
        int maxWindowLayers = optInt("max_window_layers", 28);
        List<Integer> windows = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            boolean sliding = types != null && types.isJsonArray() && types.getAsJsonArray().size() == layers
                    ? "sliding_attention".equals(text(types.getAsJsonArray().get(i)))
                    : i >= maxWindowLayers;
            windows.add(sliding ? window : 0);
        }
        return windows;
    }

    /** {@code sliding_window}: absent means the config classes' default 4096, null means none (0). */
    private int slidingWindow() {
        return json.has("sliding_window") ? optInt("sliding_window", 0) : 4096;
    }

    /** A JSON string's text, else null. */
    private static String text(JsonElement value) {
        return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static List<Integer> noWindows(int layers) {
        return Collections.nCopies(layers, 0);
    }

    private SpecialTokenIds specialTokens(OptionalLong defaultPad) {
        List<Long> eos = new ArrayList<>();
        JsonElement value = json.get("eos_token_id");
        if (value != null && value.isJsonArray()) {
            for (JsonElement id : value.getAsJsonArray()) {
                try {
                    eos.add(id.getAsJsonPrimitive().getAsBigDecimal().longValueExact());
                } catch (RuntimeException e) {
                    throw new CheckpointException(file + ": 'eos_token_id' must hold integers, got " + value);
                }
            }
        } else if (present(json, "eos_token_id")) {
            eos.add(optLong("eos_token_id"));
        }
        OptionalLong pad = present(json, "pad_token_id") ? OptionalLong.of(optLong("pad_token_id")) : defaultPad;
        OptionalLong bos = present(json, "bos_token_id") ? OptionalLong.of(optLong("bos_token_id")) : OptionalLong.empty();
        return new SpecialTokenIds(bos, eos, pad);
    }

    private static boolean present(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && !value.isJsonNull();
    }

    private static JsonObject optObject(JsonObject object, String key) {
        JsonElement value = object.get(key);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : null;
    }

    private String requireString(String key) {
        if (!present(json, key)) {
            throw new CheckpointException(file + ": '" + key + "' is missing");
        }
        return optString(key, null);
    }

    private int requireInt(String key) {
        if (!present(json, key)) {
            throw new CheckpointException(file + ": '" + key + "' is missing");
        }
        return optInt(key, 0);
    }

    /** A required count: sizes and head counts divide one another, so none may be zero or negative. */
    private int requireCount(String key) {
        int value = requireInt(key);
        if (value <= 0) {
            throw new CheckpointException(file + ": '" + key + "' must be a positive integer, got " + value);
        }
        return value;
    }

    private int optInt(String key, int fallback) {
        if (!present(json, key)) {
            return fallback;
        }
        JsonElement value = json.get(key);
        try {
            return value.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": '" + key + "' must be an integer, got " + value);
        }
    }

    private long optLong(String key) {
        JsonElement value = json.get(key);
        try {
            return value.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": '" + key + "' must be an integer, got " + value);
        }
    }

    private double optDouble(String key, double fallback) {
        return optDouble(json, key, fallback);
    }

    private double optDouble(JsonObject object, String key, double fallback) {
        if (!present(object, key)) {
            return fallback;
        }
        JsonElement value = object.get(key);
        try {
            return value.getAsJsonPrimitive().getAsBigDecimal().doubleValue();
        } catch (RuntimeException e) {
            throw new CheckpointException(file + ": '" + key + "' must be a number, got " + value);
        }
    }

    private double requireDouble(JsonObject object, String key) {
        if (!present(object, key)) {
            throw new CheckpointException(file + ": rope scaling '" + key + "' is missing");
        }
        return optDouble(object, key, 0);
    }

    private boolean optBoolean(String key, boolean fallback) {
        if (!present(json, key)) {
            return fallback;
        }
        JsonElement value = json.get(key);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new CheckpointException(file + ": '" + key + "' must be true or false, got " + value);
        }
        return value.getAsBoolean();
    }

    private String optString(String key, String fallback) {
        return optString(json, key, fallback);
    }

    private String optString(JsonObject object, String key, String fallback) {
        if (!present(object, key)) {
            return fallback;
        }
        JsonElement value = object.get(key);
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
            throw new CheckpointException(file + ": '" + key + "' must be a string, got " + value);
        }
        return value.getAsString();
    }
}
