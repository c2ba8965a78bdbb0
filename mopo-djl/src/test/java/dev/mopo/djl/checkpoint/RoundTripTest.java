package dev.mopo.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Save with our writer, read back with our reader: identical weights, so identical logits. */
class RoundTripTest {

    private static final long[] IDS = {3, 17, 42, 8, 25, 11, 60};

    static Stream<String> cases() {
        return Fixtures.cases().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void fp32RoundTripIsExact(String name, @TempDir Path dir) throws IOException {
        try (CausalLm original = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32)) {
            original.save(dir, SafetensorsDtype.F32);
            assertTrue(Files.exists(dir.resolve("config.json")));
            assertTrue(Files.exists(dir.resolve("generation_config.json")));
            assertFalse(Files.exists(dir.resolve("expected.json")), "only model files are copied");
            assertSameLogits(original, dir);
        }
    }

    @Test
    void shardedRoundTripWritesAnIndexAndReplacesStaleFiles(@TempDir Path dir) throws IOException {
        try (CausalLm original = CausalLm.load(Fixtures.model("llama-gqa-tied"), Device.cpu(), DataType.FLOAT32)) {
            original.save(dir, SafetensorsDtype.F32);
            original.save(dir, SafetensorsDtype.F32, 30_000);
            assertFalse(Files.exists(dir.resolve(Checkpoint.SINGLE_FILE)), "stale single file removed");
            assertTrue(Files.exists(dir.resolve(Checkpoint.INDEX_FILE)));
            JsonObject index = JsonFile.read(dir.resolve(Checkpoint.INDEX_FILE));
            assertEquals(original.numParameters(),
                    index.getAsJsonObject("metadata").get("total_parameters").getAsLong());
            assertFalse(index.getAsJsonObject("weight_map").has("lm_head.weight"), "tied head is not written");
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.filter(f -> f.getFileName().toString().matches("model-\\d{5}-of-\\d{5}\\.safetensors"))
                        .count() >= 3);
            }
            for (String file : new String[] {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"}) {
                assertArrayEquals(Files.readAllBytes(Fixtures.model("llama-gqa-tied").resolve(file)),
                        Files.readAllBytes(dir.resolve(file)), file + " copied");
            }
            assertSameLogits(original, dir);
            original.save(dir, SafetensorsDtype.F32);
            assertFalse(Files.exists(dir.resolve(Checkpoint.INDEX_FILE)), "stale index removed");
            assertSameLogits(original, dir);
        }
    }

    @Test
    void bf16WeightsSurviveABf16RoundTrip(@TempDir Path dir) throws IOException {
        try (CausalLm original = CausalLm.load(Fixtures.model("llama-bf16"), Device.cpu(), DataType.FLOAT32)) {
            original.save(dir, SafetensorsDtype.BF16);
            try (Checkpoint written = Checkpoint.open(dir)) {
                assertEquals(SafetensorsDtype.BF16, written.info("model.norm.weight").orElseThrow().dtype());
            }
            assertEquals("bfloat16", JsonFile.read(dir.resolve("config.json")).get("dtype").getAsString());
            assertSameLogits(original, dir);
        }
    }

    private static void assertSameLogits(CausalLm original, Path saved) throws IOException {
        try (CausalLm reloaded = CausalLm.load(saved, Device.cpu(), DataType.FLOAT32)) {
            long[] ids = java.util.Arrays.stream(IDS).map(id -> id % original.config().vocabSize()).toArray();
            float[][] before = original.logits(ids);
            float[][] after = reloaded.logits(ids);
            for (int t = 0; t < ids.length; t++) {
                assertArrayEquals(before[t], after[t], "position " + t);
            }
        }
    }
}
