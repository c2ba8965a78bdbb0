package dev.mopo.djl.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reward-model fixture scores its padded batches (right and left padding) and its unpadded rows
 * as transformers 5.18 (or Safe-RLHF) did, to 1e-4, pooling at the position transformers pooled at.
 */
class RewardModelTest {

    static final double TOLERANCE = 1e-4;

    static Stream<String> cases() {
        return RewardFixtures.cases().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void scoresEqualTransformers(String name) throws IOException {
        JsonObject expected = RewardFixtures.expected(name);
        try (RewardModel model = RewardModel.load(RewardFixtures.model(name), Device.cpu())) {
            assertEquals(expected.get("num_parameters").getAsLong(), model.numParameters(), name + " num_parameters");
            assertEquals(expected.get("pooling").getAsString(), model.head().format().pooling().name().toLowerCase());
            assertEquals(expected.get("pad_token_id").getAsLong(), model.padTokenId().getAsLong());
            assertEquals(expected.getAsJsonObject("head").get("bias").isJsonNull(), !model.head().hasBias());
            double worst = 0;
            for (Map.Entry<String, JsonElement> entry : expected.getAsJsonObject("batches").entrySet()) {
                JsonObject batch = entry.getValue().getAsJsonObject();
                long[][] ids = RewardFixtures.longRows(batch.getAsJsonArray("input_ids"));
                long[][] mask = RewardFixtures.longRows(batch.getAsJsonArray("attention_mask"));
                assertArrayEquals(Fixtures.longs(batch.getAsJsonArray("pooled_index")), pooledIndex(model, ids, mask),
                        name + " " + entry.getKey() + " pooled positions");
                double batched = maxDiff(model.scores(ids, mask),
                        RewardFixtures.floatRows(batch.getAsJsonArray("logits")));
                double single = maxDiff(model.scores(unpadded(ids, mask), ids.length),
                        RewardFixtures.floatRows(batch.getAsJsonArray("single_logits")));
                System.out.printf("%-18s %-13s max |score diff| batch %.3g, rows alone %.3g%n", name, entry.getKey(),
                        batched, single);
                assertTrue(batched <= TOLERANCE, name + " " + entry.getKey() + ": scores differ by " + batched);
                assertTrue(single <= TOLERANCE, name + " " + entry.getKey() + " rows alone: scores differ by " + single);
                worst = Math.max(worst, batched);
            }
            assertTrue(worst <= TOLERANCE);
        }
    }

    private static long[] pooledIndex(RewardModel model, long[][] ids, long[][] mask) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Shape shape = new Shape(ids.length, ids[0].length);
            return model.head().format().pooling().positions(manager.create(flatten(ids), shape),
                    manager.create(flatten(mask), shape), model.padTokenId()).toLongArray();
        }
    }

    /** Each row without its padding (the tokens whose mask is 1). */
    static List<long[]> unpadded(long[][] ids, long[][] mask) {
        List<long[]> rows = new ArrayList<>();
        for (int b = 0; b < ids.length; b++) {
            int kept = 0;
            long[] row = new long[ids[b].length];
            for (int t = 0; t < ids[b].length; t++) {
                if (mask[b][t] == 1) {
                    row[kept++] = ids[b][t];
                }
            }
            rows.add(Arrays.copyOf(row, kept));
        }
        return rows;
    }

    static long[] flatten(long[][] rows) {
        return Stream.of(rows).flatMapToLong(Arrays::stream).toArray();
    }

    static double maxDiff(float[][] actual, float[][] expected) {
        assertEquals(expected.length, actual.length, "rows");
        double worst = 0;
        for (int b = 0; b < expected.length; b++) {
            assertEquals(expected[b].length, actual[b].length, "labels of row " + b);
            for (int i = 0; i < expected[b].length; i++) {
                worst = Math.max(worst, Math.abs(expected[b][i] - actual[b][i]));
            }
        }
        return worst;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void halfPrecisionBaseModelStaysClose(String name) throws IOException {
        JsonObject batch = RewardFixtures.expected(name).getAsJsonObject("batches").getAsJsonObject("right_padded");
        try (RewardModel model = RewardModel.load(RewardFixtures.model(name), Device.cpu(), DataType.FLOAT16)) {
            double diff = maxDiff(model.scores(RewardFixtures.longRows(batch.getAsJsonArray("input_ids")),
                    RewardFixtures.longRows(batch.getAsJsonArray("attention_mask"))),
                    RewardFixtures.floatRows(batch.getAsJsonArray("logits")));
            assertTrue(diff < 2e-2, name + " fp16: scores differ by " + diff);
        }
    }
}
