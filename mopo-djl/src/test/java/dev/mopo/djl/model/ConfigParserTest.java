package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** config.json layouts, defaults and refusals. */
class ConfigParserTest {

    private static final Path FILE = Paths.get("config.json");

    @Test
    void llama3InverseFrequenciesMatchTransformers() throws IOException {
        ModelConfig config = ConfigParser.read(Fixtures.model("llama3-rope-scaling").resolve("config.json"));
        float[] expected = Fixtures.floats(Fixtures.expected("llama3-rope-scaling").getAsJsonArray("rope_inv_freq"));
        float[] actual = config.rope().inverseFrequencies();
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], Math.abs(expected[i]) * 1e-6, "inv_freq[" + i + "]");
        }
    }

    @Test
    void bothLayoutsParseToTheSameConfig() throws IOException {
        for (String name : List.of("llama3-rope-scaling", "gpt-neox-parallel")) {
            Path folder = Fixtures.model(name);
            assertEquals(ConfigParser.read(folder.resolve("config.json")),
                    ConfigParser.read(folder.resolve("config_v4_legacy.json")), name);
        }
    }

    @Test
    void defaultsOfTheConfigClasses() {
        ModelConfig neox = parse("{'model_type':'gpt_neox','vocab_size':10,'hidden_size':32,'num_attention_heads':2,"
                + "'num_hidden_layers':1,'intermediate_size':64,'max_position_embeddings':16}");
        assertEquals(4, neox.rope().rotaryDim(), "rotary_pct defaults to 0.25 of head dim 16");
        assertEquals(10000.0, neox.rope().theta());
        assertEquals(LayerOrder.PARALLEL, neox.layerOrder());
        assertEquals(ActivationFunction.GELU_ERF, neox.activation());
        ModelConfig llama = parse("{'model_type':'llama','vocab_size':10,'hidden_size':32,'num_attention_heads':4,"
                + "'num_key_value_heads':null,'head_dim':null,'num_hidden_layers':1,'intermediate_size':64,"
                + "'max_position_embeddings':16,'rope_scaling':null,'eos_token_id':[2,7]}");
        assertEquals(8, llama.headDim());
        assertEquals(4, llama.numKvHeads());
        assertNull(llama.rope().llama3());
        assertEquals(List.of(2L, 7L), llama.specialTokens().eos());
        ModelConfig opt = parse("{'model_type':'opt','vocab_size':10,'hidden_size':32,'num_attention_heads':4,"
                + "'num_hidden_layers':1,'ffn_dim':64,'max_position_embeddings':16}");
        assertTrue(opt.tiedEmbeddings());
        assertEquals(1L, opt.specialTokens().pad().getAsLong());
        assertEquals(2, opt.positionOffset());
    }

    @Test
    void mistralSlidingWindowAbsentNullOrSet() {
        String base = "{'model_type':'mistral','vocab_size':10,'hidden_size':32,'num_attention_heads':4,"
                + "'num_hidden_layers':2,'intermediate_size':64,'max_position_embeddings':16";
        assertEquals(List.of(4096, 4096), parse(base + "}").slidingWindows());
        assertEquals(List.of(0, 0), parse(base + ",'sliding_window':null}").slidingWindows());
        assertEquals(List.of(8, 8), parse(base + ",'sliding_window':8}").slidingWindows());
    }

    @Test
    void unknownModelTypeListsTheSupportedOnes() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> parse("{'model_type':'mamba'}"));
        assertTrue(e.getMessage().contains("'mamba'") && e.getMessage().contains("llama, mistral, qwen2, gpt_neox, opt, gpt2"),
                e.getMessage());
    }

    @Test
    void unsupportedRopeTypesAreRefused() {
        String base = "{'model_type':'llama','vocab_size':10,'hidden_size':32,'num_attention_heads':4,"
                + "'num_hidden_layers':1,'intermediate_size':64,'max_position_embeddings':16,";
        CheckpointException v4 = assertThrows(CheckpointException.class,
                () -> parse(base + "'rope_scaling':{'type':'linear','factor':2.0}}"));
        assertTrue(v4.getMessage().contains("rope type 'linear' is not supported"), v4.getMessage());
        CheckpointException v5 = assertThrows(CheckpointException.class,
                () -> parse(base + "'rope_parameters':{'rope_type':'yarn','rope_theta':10000.0,'factor':4.0}}"));
        assertTrue(v5.getMessage().contains("'yarn'"), v5.getMessage());
    }

    @Test
    void missingAndMalformedKeysNameTheKey() {
        CheckpointException missing = assertThrows(CheckpointException.class,
                () -> parse("{'model_type':'gpt2','n_embd':32}"));
        assertTrue(missing.getMessage().contains("config.json: 'n_head' is missing"), missing.getMessage());
        CheckpointException malformed = assertThrows(CheckpointException.class, () -> parse(
                "{'model_type':'gpt2','n_embd':'big','n_head':2,'n_layer':1,'vocab_size':4,'n_positions':8}"));
        assertTrue(malformed.getMessage().contains("'n_embd' must be an integer, got \"big\""), malformed.getMessage());
        IllegalArgumentException heads = assertThrows(IllegalArgumentException.class, () -> parse(
                "{'model_type':'llama','vocab_size':10,'hidden_size':32,'num_attention_heads':4,'num_key_value_heads':3,"
                        + "'num_hidden_layers':1,'intermediate_size':64,'max_position_embeddings':16}"));
        assertTrue(heads.getMessage().contains("multiple of num_key_value_heads (3)"), heads.getMessage());
    }

    private static ModelConfig parse(String json) {
        JsonObject object = JsonParser.parseString(json.replace('\'', '"')).getAsJsonObject();
        return ConfigParser.parse(object, FILE);
    }
}
