package dev.mopo.bench.model;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mopo.djl.model.ConfigParser;
import dev.mopo.djl.model.MemoryPlan;
import dev.mopo.djl.model.ModelConfig;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The sizes of a Llama model for the benchmarks, written out as the {@code config.json} that
 * transformers' {@code LlamaConfig} reads (untied head, RMSNorm eps 1e-5, rope theta 10000).
 *
 * @param hidden E
 * @param layers decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads (= heads for multi-head attention)
 * @param intermediate the MLP width
 * @param vocab the vocabulary size
 */
public record LlamaShape(int hidden, int layers, int heads, int kvHeads, int intermediate, int vocab) {

    /** The load benchmark's model: 1.35 B parameters, multi-head attention, untied head. */
    public static final LlamaShape LLAMA_1_3B = new LlamaShape(2048, 24, 16, 16, 5504, 32000);

    /** The speed benchmark's model: 58 M parameters. */
    public static final LlamaShape LLAMA_SMALL = new LlamaShape(512, 8, 8, 8, 1376, 32000);

    /** The config.json contents, dtype bfloat16. */
    public JsonObject configJson() {
        JsonObject json = new JsonObject();
        JsonArray architectures = new JsonArray();
        architectures.add("LlamaForCausalLM");
        json.add("architectures", architectures);
        json.addProperty("model_type", "llama");
        json.addProperty("hidden_size", hidden);
        json.addProperty("intermediate_size", intermediate);
        json.addProperty("num_hidden_layers", layers);
        json.addProperty("num_attention_heads", heads);
        json.addProperty("num_key_value_heads", kvHeads);
        json.addProperty("head_dim", hidden / heads);
        json.addProperty("vocab_size", vocab);
        json.addProperty("max_position_embeddings", 2048);
        json.addProperty("hidden_act", "silu");
        json.addProperty("rms_norm_eps", 1e-5);
        json.addProperty("rope_theta", 10000.0);
        json.addProperty("tie_word_embeddings", false);
        json.addProperty("attention_bias", false);
        json.addProperty("mlp_bias", false);
        json.addProperty("bos_token_id", 1);
        json.addProperty("eos_token_id", 2);
        json.addProperty("torch_dtype", "bfloat16");
        return json;
    }

    /** The parsed config, as the model code sees it. */
    public ModelConfig modelConfig() {
        return ConfigParser.parse(configJson(), Path.of("config.json"));
    }

    /** The number of parameters. */
    public long parameters() {
        return MemoryPlan.of(modelConfig(), DataType.FLOAT32).parameters();
    }

    /** One line: sizes and parameter count. */
    public String describe() {
        return String.format(Locale.ROOT, "llama: hidden %d, %d layers, %d heads (%d kv, head dim %d), "
                + "intermediate %d, vocab %d, untied head; %,d parameters", hidden, layers, heads, kvHeads,
                hidden / heads, intermediate, vocab, parameters());
    }
}
