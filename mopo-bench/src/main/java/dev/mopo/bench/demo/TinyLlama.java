package dev.mopo.bench.demo;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.checkpoint.SafetensorsWriter;
import dev.mopo.djl.model.CausalLmBlock;
import dev.mopo.djl.model.ConfigParser;
import dev.mopo.djl.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small Llama-architecture checkpoint with random weights, written as a Hugging Face folder
 * (config.json + model.safetensors): the demo's starting point, built rather than downloaded.
 * Norm weights start at 1, everything else at N(0, 0.02²) as in transformers' initialisation.
 */
final class TinyLlama {

    private TinyLlama() {}

    /** Writes config.json and random weights for a model over {@code vocabulary} tokens. */
    static void write(Path folder, int vocabulary, int hidden, int layers, long seed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode()
                .put("model_type", "llama")
                .put("vocab_size", vocabulary)
                .put("hidden_size", hidden)
                .put("intermediate_size", hidden * 2)
                .put("num_hidden_layers", layers)
                .put("num_attention_heads", 4)
                .put("num_key_value_heads", 2)
                .put("head_dim", hidden / 4)
                .put("max_position_embeddings", 96)
                .put("rms_norm_eps", 1e-6)
                .put("rope_theta", 10000.0)
                .put("hidden_act", "silu")
                .put("tie_word_embeddings", true)
                .put("pad_token_id", 0)
                .put("bos_token_id", 1)
                .put("eos_token_id", 2)
                .put("torch_dtype", "float32");
        config.putArray("architectures").add("LlamaForCausalLM");
        Path configFile = folder.resolve("config.json");
        AtomicFiles.writeString(configFile, json.writerWithDefaultPrettyPrinter().writeValueAsString(config));
        ModelConfig parsed = ConfigParser.read(configFile);
        try (NDManager manager = NDManager.newBaseManager()) {
            manager.getEngine().setRandomSeed((int) seed);
            List<NamedTensor> tensors = new ArrayList<>();
            for (Pair<String, Parameter> entry : new CausalLmBlock(parsed).getParameters()) {
                Parameter parameter = entry.getValue();
                boolean norm = parameter.getName().endsWith("norm.weight");
                tensors.add(new NamedTensor(parameter.getName(), norm ? manager.ones(parameter.getShape())
                        : manager.randomNormal(0, 0.02f, parameter.getShape(), ai.djl.ndarray.types.DataType.FLOAT32)));
            }
            SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, SafetensorsDtype.F32);
        }
    }
}
