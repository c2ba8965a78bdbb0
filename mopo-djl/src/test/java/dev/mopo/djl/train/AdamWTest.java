package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW against torch.optim.AdamW ({@code src/test/fixtures/make_adamw_fixture.py}). */
class AdamWTest {

    @Test
    void matchesTorchStepByStepAndResumesFromItsState() throws IOException {
        JsonObject fixture = read();
        JsonArray gradients = fixture.getAsJsonArray("gradients");
        JsonArray rates = fixture.getAsJsonArray("learning_rates");
        JsonArray expected = fixture.getAsJsonArray("after_each_step");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(matrix(fixture.getAsJsonArray("weight")));
            AdamW adam = new AdamW(0.9, 0.999, 1e-8, fixture.get("weight_decay").getAsDouble());
            for (int step = 0; step < 2; step++) {
                adam.step(Map.of("w", weight), Map.of("w", manager.create(matrix(gradients.get(step).getAsJsonArray()))),
                        rates.get(step).getAsDouble());
                assertArrayEquals(flat(expected.get(step).getAsJsonArray()), weight.toDoubleArray(), 1e-12);
            }
            NDList saved = adam.state();
            AdamW resumed = new AdamW(0.9, 0.999, 1e-8, fixture.get("weight_decay").getAsDouble());
            resumed.restore(saved, adam.steps(), manager);
            resumed.step(Map.of("w", weight), Map.of("w", manager.create(matrix(gradients.get(2).getAsJsonArray()))),
                    rates.get(2).getAsDouble());
            assertArrayEquals(flat(expected.get(2).getAsJsonArray()), weight.toDoubleArray(), 1e-12);
            assertEquals(3, resumed.steps());
        }
    }

    private static double[][] matrix(JsonArray rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).getAsDouble();
            }
        }
        return m;
    }

    private static double[] flat(JsonArray rows) {
        double[][] m = matrix(rows);
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    private static JsonObject read() throws IOException {
        try (Reader reader = new InputStreamReader(AdamWTest.class.getResourceAsStream("/optim/adamw.json"),
                StandardCharsets.UTF_8)) {
            return JsonUtils.GSON.fromJson(reader, JsonObject.class);
        }
    }
}
