package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every fixture model reproduces transformers' fp32 logits to 1e-4, single sequences and a right-padded batch. */
class FixtureLogitsTest {

    static final double TOLERANCE = 1e-4;

    static Stream<String> cases() {
        return Fixtures.cases().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTransformers(String name) throws IOException {
        JsonObject expected = Fixtures.expected(name);
        try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32)) {
            assertEquals(expected.get("num_parameters").getAsLong(), model.numParameters(), name + " num_parameters");
            assertEquals(expected.get("model_type").getAsString(), model.config().modelType());
            double single = maxSingleDiff(model, expected);
            double batch = maxBatchDiff(model, expected);
            System.out.printf("%-22s max |logit diff| single %.3g, padded batch %.3g%n", name, single, batch);
            assertTrue(single <= TOLERANCE, name + ": single-sequence logits differ by " + single);
            assertTrue(batch <= TOLERANCE, name + ": batched logits differ by " + batch);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3-rope-scaling", "gpt-neox-parallel"})
    void legacyConfigLayoutGivesSameLogits(String name, @TempDir Path dir) throws IOException {
        Path folder = Fixtures.copy(name, dir.resolve(name));
        Files.move(folder.resolve("config_v4_legacy.json"), folder.resolve("config.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (CausalLm model = CausalLm.load(folder, Device.cpu(), DataType.FLOAT32)) {
            double diff = maxSingleDiff(model, Fixtures.expected(name));
            assertTrue(diff <= TOLERANCE, name + " (v4 config): logits differ by " + diff);
        }
    }

    static double maxSingleDiff(CausalLm model, JsonObject expected) {
        double worst = 0;
        for (JsonElement element : expected.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            float[][] logits = model.logits(Fixtures.longs(c.getAsJsonArray("ids")));
            JsonArray rows = c.getAsJsonArray("logits");
            for (int t = 0; t < logits.length; t++) {
                worst = Math.max(worst, maxDiff(logits[t], Fixtures.floats(rows.get(t).getAsJsonArray())));
            }
        }
        return worst;
    }

    static double maxBatchDiff(CausalLm model, JsonObject expected) {
        JsonObject batch = expected.getAsJsonObject("batch");
        JsonArray ids = batch.getAsJsonArray("ids");
        int rows = ids.size();
        int steps = ids.get(0).getAsJsonArray().size();
        long[] flatIds = new long[rows * steps];
        long[] flatMask = new long[rows * steps];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(Fixtures.longs(ids.get(r).getAsJsonArray()), 0, flatIds, r * steps, steps);
            System.arraycopy(Fixtures.longs(batch.getAsJsonArray("attention_mask").get(r).getAsJsonArray()), 0,
                    flatMask, r * steps, steps);
        }
        int vocab = model.config().vocabSize();
        double worst = 0;
        try (NDManager manager = NDManager.newBaseManager(model.device())) {
            NDArray logits = model.logits(manager.create(flatIds, new Shape(rows, steps)),
                    manager.create(flatMask, new Shape(rows, steps)));
            float[] flat = logits.toFloatArray();
            for (int r = 0; r < rows; r++) {
                JsonArray expectedRow = batch.getAsJsonArray("logits").get(r).getAsJsonArray();
                for (int t = 0; t < steps; t++) {
                    if (flatMask[r * steps + t] == 0) {
                        assertTrue(expectedRow.get(t).isJsonNull());
                        continue;
                    }
                    float[] actual = java.util.Arrays.copyOfRange(flat, (r * steps + t) * vocab, (r * steps + t + 1) * vocab);
                    worst = Math.max(worst, maxDiff(actual, Fixtures.floats(expectedRow.get(t).getAsJsonArray())));
                }
            }
        }
        return worst;
    }

    static double maxDiff(float[] actual, float[] expected) {
        assertEquals(expected.length, actual.length, "vocab size");
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i] - expected[i]);
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        return worst;
    }
}
