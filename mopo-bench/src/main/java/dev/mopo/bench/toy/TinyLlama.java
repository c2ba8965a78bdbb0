package dev.mopo.bench.toy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
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
 * (config.json + model.safetensors): the starting point of the demo and of the training
 * benchmark, built rather than downloaded. Norm weights start at 1, everything else at
 * N(0, 0.02²) as in transformers' initialisation.
 */
public final class TinyLlama {

    /**
     * The model's dimensions.
     *
     * @param vocabulary tokens in the vocabulary
     * @param hidden hidden size (a multiple of {@code heads})
     * @param layers decoder layers
     * @param heads attention heads
     * @param kvHeads key/value heads (a divisor of {@code heads}; fewer than heads is grouped-query attention)
     * @param intermediate the MLP's inner width
     * @param maxPositions {@code max_position_embeddings}
     * @param tiedEmbeddings whether the output head is the embedding matrix
     */
    public record Shape(int vocabulary, int hidden, int layers, int heads, int kvHeads, int intermediate,
            int maxPositions, boolean tiedEmbeddings) {

        /** Validates the dimensions. */
        public Shape {
            if (vocabulary < 1 || layers < 1 || heads < 1 || kvHeads < 1 || intermediate < 1 || maxPositions < 1) {
                throw new IllegalArgumentException("model dimensions must be positive, got " + this);
            }
            if (hidden % heads != 0 || heads % kvHeads != 0) {
                throw new IllegalArgumentException("hidden must be a multiple of heads and heads of kv heads, got "
                        + this);
            }
        }
    }

    private TinyLlama() {}

    /** Writes config.json and random weights for a model of {@code shape}. */
    public static void write(Path folder, Shape shape, long seed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = json.createObjectNode()
                .put("model_type", "llama")
                .put("vocab_size", shape.vocabulary())
                .put("hidden_size", shape.hidden())
                .put("intermediate_size", shape.intermediate())
                .put("num_hidden_layers", shape.layers())
                .put("num_attention_heads", shape.heads())
                .put("num_key_value_heads", shape.kvHeads())
                .put("head_dim", shape.hidden() / shape.heads())
                .put("max_position_embeddings", shape.maxPositions())
                .put("rms_norm_eps", 1e-6)
                .put("rope_theta", 10000.0)
                .put("hidden_act", "silu")
                .put("tie_word_embeddings", shape.tiedEmbeddings())
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
                        : manager.randomNormal(0, 0.02f, parameter.getShape(), DataType.FLOAT32)));
            }
            SafetensorsWriter.write(folder.resolve("model.safetensors"), tensors, SafetensorsDtype.F32);
        }
    }
}
