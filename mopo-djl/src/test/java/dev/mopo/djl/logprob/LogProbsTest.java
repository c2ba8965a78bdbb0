package dev.mopo.djl.logprob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Response log-probs against transformers' {@code logprobs_case} of every fixture, alone and in a padded batch. */
class LogProbsTest {

    private static final double TOLERANCE = 1e-4;

    static Stream<String> cases() {
        return Fixtures.cases().stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesTransformersLogProbs(String name) throws IOException {
        JsonObject c = Fixtures.expected(name).getAsJsonObject("logprobs_case");
        long[] ids = Fixtures.longs(c.getAsJsonArray("ids"));
        int promptLength = c.get("prompt_len").getAsInt();
        float[] expected = Fixtures.floats(c.getAsJsonArray("token_logprobs"));
        try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32);
                NDManager manager = NDManager.newBaseManager()) {
            SequenceLogProbs scored = LogProbs.score(model, manager.create(ids).reshape(1, ids.length), null,
                    manager.create(responseMask(ids.length, promptLength, ids.length)).reshape(1, ids.length));
            float[] tokens = scored.tokens().toFloatArray();
            for (int t = 0; t < ids.length; t++) {
                float want = t < promptLength ? 0 : expected[t - promptLength];
                assertEquals(want, tokens[t], TOLERANCE, name + " token " + t);
            }
            assertEquals(c.get("sum").getAsFloat(), scored.reduce(LogProbReduction.SUM).getFloat(0), TOLERANCE);
            assertEquals(c.get("mean").getAsFloat(), scored.reduce(LogProbReduction.MEAN).getFloat(0), TOLERANCE);
            assertEquals(expected.length, scored.count().getFloat(0));
        }
    }

    @Test
    void rightPaddedBatchScoresEachRowAsAlone() throws IOException {
        String name = "llama-gqa-tied";
        JsonObject c = Fixtures.expected(name).getAsJsonObject("logprobs_case");
        long[] full = Fixtures.longs(c.getAsJsonArray("ids"));
        int promptLength = c.get("prompt_len").getAsInt();
        int steps = full.length;
        long[] shortRow = {5, 9, 17, 23, 42, 0, 0, 0, 0, 0, 0};
        long[] ids = new long[2 * steps];
        System.arraycopy(full, 0, ids, 0, steps);
        System.arraycopy(shortRow, 0, ids, steps, steps);
        long[] attention = new long[2 * steps];
        long[] response = new long[2 * steps];
        for (int t = 0; t < steps; t++) {
            attention[t] = 1;
            attention[steps + t] = t < 5 ? 1 : 0;
            response[t] = t >= promptLength ? 1 : 0;
            response[steps + t] = t >= 3 ? 1 : 0;
        }
        try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32);
                NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, steps);
            SequenceLogProbs batch = LogProbs.score(model, manager.create(ids, shape), manager.create(attention, shape),
                    manager.create(response, shape));
            assertArrayEquals(new float[] {4, 2}, batch.count().toFloatArray());
            assertEquals(c.get("sum").getAsFloat(), batch.sum().getFloat(0), TOLERANCE);
            NDArray alone = LogProbs.score(model, manager.create(new long[] {5, 9, 17, 23, 42}).reshape(1, 5), null,
                    manager.create(new long[] {0, 0, 0, 1, 1}).reshape(1, 5)).sum();
            assertEquals(alone.getFloat(0), batch.sum().getFloat(1), TOLERANCE);
            float[] rowTwo = batch.tokens().get("1").toFloatArray();
            for (int t = 5; t < steps; t++) {
                assertEquals(0f, rowTwo[t], 0f, "padding position " + t + " is masked");
            }
        }
    }

    private static long[] responseMask(int length, int promptLength, int end) {
        long[] mask = new long[length];
        for (int t = promptLength; t < end; t++) {
            mask[t] = 1;
        }
        return mask;
    }
}
