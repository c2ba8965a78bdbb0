package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonParser;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** Parameter counts from configs alone, and the byte arithmetic of the plan. */
class MemoryPlanTest {

    @Test
    void countsEveryFixtureAsTransformers() throws IOException {
        for (String name : Fixtures.cases()) {
            ModelConfig config = ConfigParser.read(Fixtures.model(name).resolve("config.json"));
            assertEquals(Fixtures.expected(name).get("num_parameters").getAsLong(),
                    MemoryPlan.of(config, DataType.FLOAT32).parameters(), name);
        }
    }

    @Test
    void countsPublishedModels() {
        ModelConfig llama32 = ConfigParser.parse(JsonParser.parseString("{\"model_type\":\"llama\",\"vocab_size\":128256,"
                + "\"hidden_size\":2048,\"intermediate_size\":8192,\"num_hidden_layers\":16,\"num_attention_heads\":32,"
                + "\"num_key_value_heads\":8,\"head_dim\":64,\"max_position_embeddings\":131072,"
                + "\"tie_word_embeddings\":true,\"rope_theta\":500000.0,\"rope_scaling\":{\"factor\":32.0,"
                + "\"high_freq_factor\":4.0,\"low_freq_factor\":1.0,\"original_max_position_embeddings\":8192,"
                + "\"rope_type\":\"llama3\"}}").getAsJsonObject(), Paths.get("Llama-3.2-1B/config.json"));
        assertEquals(1_235_814_400L, MemoryPlan.of(llama32, DataType.FLOAT32).parameters(), "Llama-3.2-1B");
        ModelConfig pythia = ConfigParser.parse(JsonParser.parseString("{\"model_type\":\"gpt_neox\",\"vocab_size\":50304,"
                + "\"hidden_size\":768,\"intermediate_size\":3072,\"num_hidden_layers\":12,\"num_attention_heads\":12,"
                + "\"max_position_embeddings\":2048,\"rotary_pct\":0.25}").getAsJsonObject(),
                Paths.get("pythia-160m/config.json"));
        assertEquals(162_322_944L, MemoryPlan.of(pythia, DataType.FLOAT32).parameters(), "pythia-160m");
    }

    @Test
    void bytesFollowTheComputeType() {
        ModelConfig config = new ModelConfig(Architecture.LLAMA, 100, 32, 2, 4, 2, 8, 64, 64, NormKind.RMS, 1e-6,
                ActivationFunction.SILU, true, false, false, false, new Rope(10000, 8, null), 0, LayerOrder.PRE_NORM,
                true, 32, true, Math.pow(8, -0.5), false, java.util.List.of(0, 0),
                new SpecialTokenIds(java.util.OptionalLong.empty(), java.util.List.of(), java.util.OptionalLong.empty()));
        MemoryPlan fp32 = MemoryPlan.of(config, DataType.FLOAT32);
        MemoryPlan fp16 = MemoryPlan.of(config, DataType.FLOAT16);
        long p = fp32.parameters();
        assertEquals(4 * p, fp32.weightBytes());
        assertEquals(0, fp32.masterWeightBytes());
        assertEquals(2 * p, fp16.weightBytes());
        assertEquals(4 * p, fp16.masterWeightBytes());
        assertEquals(8 * p, fp16.optimizerBytes());
        // per token: 2 layers × ((6·32 + (4·4 + 3·2)·8 + 4·64)·4 + 3·4·T·4) + 100·(4 + 8), T = 10
        long perToken = 2 * ((6 * 32 + (16 + 6) * 8 + 256) * 4 + 3 * 4 * 10 * 4) + 100 * 12;
        assertEquals(3 * 10 * perToken, fp32.activationBytes(3, 10));
        assertEquals(16 * p + fp32.activationBytes(3, 10), fp32.trainingBytes(3, 10));
    }
}
