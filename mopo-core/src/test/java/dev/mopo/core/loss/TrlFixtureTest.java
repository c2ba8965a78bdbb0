package dev.mopo.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.util.JsonUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * DPO, cDPO and IPO against loss values TRL computed for the same inputs
 * ({@code src/test/fixtures/make_trl_loss_fixture.py} wrote {@code trl_losses.json}).
 */
class TrlFixtureTest {

    private static final ObjectiveSet ONE = ObjectiveSet.of("preference");

    @Test
    void matchesTrlPerExampleAndMeanLosses() throws IOException {
        JsonObject fixture = read();
        JsonArray pairs = fixture.getAsJsonArray("pairs");
        int checked = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            PreferenceBatch batch = batch(manager, pairs);
            for (JsonElement element : fixture.getAsJsonArray("cases")) {
                JsonObject c = element.getAsJsonObject();
                PreferenceLoss loss = ours(c);
                if (loss == null) {
                    continue;
                }
                double[] expected = doubles(c.getAsJsonArray("losses"));
                for (int i = 0; i < expected.length; i++) {
                    PreferenceBatch single = batch(manager, slice(pairs, i));
                    double actual = loss.compute(single).loss().getDouble();
                    assertEquals(expected[i], actual, 1e-9 * Math.max(1, Math.abs(expected[i])),
                            describe(c) + " pair " + i);
                }
                assertEquals(c.get("mean").getAsDouble(), loss.compute(batch).loss().getDouble(), 1e-9, describe(c));
                checked++;
            }
        }
        assertEquals(6, checked, "cases checked: DPO, cDPO and IPO at two betas");
    }

    /** Our loss for a TRL case, or null for TRL losses mopo does not offer (robust DPO). */
    private static PreferenceLoss ours(JsonObject c) {
        double beta = c.get("beta").getAsDouble();
        double smoothing = c.get("label_smoothing").getAsDouble();
        switch (c.get("loss_type").getAsString()) {
            case "sigmoid":
                return smoothing == 0 ? new DpoLoss(ONE, 0, beta, LogProbReduction.SUM) : null;
            case "aot":
                assertEquals(1, c.get("batch_size").getAsInt(), "aot is cDPO only one pair at a time");
                return new DpoLoss(ONE, 0, beta, LogProbReduction.SUM, smoothing);
            case "ipo":
                assertTrue(c.get("logp_reduction").getAsString().equals("mean"));
                return new IpoLoss(ONE, 0, beta, LogProbReduction.MEAN);
            default:
                return null;
        }
    }

    private static String describe(JsonObject c) {
        return c.get("loss_type").getAsString() + " beta=" + c.get("beta") + " eps=" + c.get("label_smoothing");
    }

    private static PreferenceBatch batch(NDManager manager, JsonArray pairs) {
        int n = pairs.size();
        double[][] columns = new double[6][n];
        String[] names = {"policy_chosen_sum", "policy_rejected_sum", "ref_chosen_sum", "ref_rejected_sum",
            "chosen_tokens", "rejected_tokens"};
        for (int i = 0; i < n; i++) {
            JsonObject pair = pairs.get(i).getAsJsonObject();
            for (int j = 0; j < names.length; j++) {
                columns[j][i] = pair.get(names[j]).getAsDouble();
            }
        }
        double[][] chosenFirst = new double[n][1];
        for (double[] row : chosenFirst) {
            row[0] = 1;
        }
        NDArray[] arrays = new NDArray[6];
        for (int j = 0; j < 6; j++) {
            arrays[j] = manager.create(columns[j]);
        }
        return PreferenceBatch.builder()
                .policy(arrays[0], arrays[1])
                .reference(arrays[2], arrays[3])
                .tokens(arrays[4], arrays[5])
                .outcomes(manager.create(chosenFirst))
                .build();
    }

    private static JsonArray slice(JsonArray pairs, int i) {
        JsonArray one = new JsonArray();
        one.add(pairs.get(i));
        return one;
    }

    private static double[] doubles(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }

    private static JsonObject read() throws IOException {
        try (Reader reader = new InputStreamReader(TrlFixtureTest.class.getResourceAsStream("/trl_losses.json"),
                StandardCharsets.UTF_8)) {
            return JsonUtils.GSON.fromJson(reader, JsonObject.class);
        }
    }
}
