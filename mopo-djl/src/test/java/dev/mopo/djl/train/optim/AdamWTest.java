package dev.mopo.djl.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** AdamW against torch.optim.AdamW ({@code src/test/fixtures/make_adamw_fixture.py}). */
class AdamWTest {

    @Test
    void matchesTorchStepByStepAndResumesFromItsState() throws IOException {
        JsonNode fixture = read();
        JsonNode gradients = fixture.get("gradients");
        JsonNode rates = fixture.get("learning_rates");
        JsonNode expected = fixture.get("after_each_step");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.create(matrix(fixture.get("weight")));
            AdamW adam = new AdamW(0.9, 0.999, 1e-8, fixture.get("weight_decay").asDouble(), name -> true);
            for (int step = 0; step < 2; step++) {
                adam.step(Map.of("w", weight), Map.of("w", manager.create(matrix(gradients.get(step)))),
                        rates.get(step).asDouble());
                assertArrayEquals(flat(expected.get(step)), weight.toDoubleArray(), 1e-12);
            }
            NDList saved = adam.state();
            AdamW resumed = new AdamW(0.9, 0.999, 1e-8, fixture.get("weight_decay").asDouble(), name -> true);
            resumed.restore(saved, adam.steps(), manager);
            resumed.step(Map.of("w", weight), Map.of("w", manager.create(matrix(gradients.get(2)))),
                    rates.get(2).asDouble());
            assertArrayEquals(flat(expected.get(2)), weight.toDoubleArray(), 1e-12);
            assertEquals(3, resumed.steps());
        }
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = rows.get(i);
            m[i] = new double[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).asDouble();
            }
        }
        return m;
    }

    private static double[] flat(JsonNode rows) {
        double[][] m = matrix(rows);
        double[] out = new double[m.length * m[0].length];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, out, i * m[0].length, m[0].length);
        }
        return out;
    }

    private static JsonNode read() throws IOException {
        try (InputStream in = AdamWTest.class.getResourceAsStream("/optim/adamw.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
