package dev.mopo.djl.logprob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.PaddingSide;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.datasets.batch.TokenizedPair;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LogProbs#scorePairs} (one row per pair, the prompt computed once, or a row per response;
 * the head only where a response token is predicted) against {@link LogProbs#score} on the batch's own {@code [2B, L]}
 * rows, right-padded as TRL pads them (every prompt twice, logits everywhere): the same log-probs
 * and the same gradients of every parameter, to 1e-5 (relative to the largest
 * value where it exceeds 1), on every fixture architecture (learned and
 * rotary positions, sliding windows, tied heads, OPT's projections), from a batch padded on
 * either side (positions count from each sequence's first token, whatever the padding).
 */
class PairLogProbsTest {

    private static final double TOLERANCE = 1e-5;

    static Stream<Arguments> cases() {
        return Fixtures.cases().stream().flatMap(name -> Stream.of(Arguments.of(name, PaddingSide.RIGHT, true),
                Arguments.of(name, PaddingSide.LEFT, true), Arguments.of(name, PaddingSide.LEFT, false)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void responseScoringEqualsScoringEveryRow(String name, PaddingSide padding, boolean sharePrompt) throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32);
                NDManager manager = NDManager.newBaseManager()) {
            TokenBatch batch = batch(model.block().config().vocabSize(), padding);
            float[] weights = {0.7f, -1.3f, 0.4f, 1.1f, -0.2f, 0.9f, 1.5f, -0.6f};

            Map<String, float[]> sharedGradients;
            float[] shared;
            float[] sharedCounts;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                PairLogProbs scored = LogProbs.scorePairs(model.block(), model.parameterStore(), batch, manager, true,
                        sharePrompt);
                shared = scored.sum().toFloatArray();
                sharedCounts = scored.count().toFloatArray();
                collector.backward(scored.sum().mul(manager.create(weights)).sum());
            }
            sharedGradients = gradients(model);

            float[] rows;
            float[] rowCounts;
            TokenBatch rightPadded = batch(model.block().config().vocabSize(), PaddingSide.RIGHT);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                Shape shape = new Shape(2L * rightPadded.size(), rightPadded.length());
                SequenceLogProbs scored = LogProbs.score(model.block(), model.parameterStore(),
                        manager.create(rightPadded.inputIds(), shape).toType(DataType.INT64, false),
                        manager.create(rightPadded.attentionMask(), shape), manager.create(rightPadded.responseMask(),
                                shape), true);
                rows = scored.sum().toFloatArray();
                rowCounts = scored.count().toFloatArray();
                collector.backward(scored.sum().mul(manager.create(weights)).sum());
            }
            Map<String, float[]> rowGradients = gradients(model);

            assertArrayEquals(rowCounts, sharedCounts, name + ": tokens scored");
            assertClose(rows, shared, name + ": log-probs");
            for (Map.Entry<String, float[]> entry : rowGradients.entrySet()) {
                assertClose(entry.getValue(), sharedGradients.get(entry.getKey()), name + ": gradient of " + entry.getKey());
            }
            assertTrue(rowGradients.values().stream().anyMatch(g -> maxAbs(g) > 1e-3), name + ": gradients are not trivial");
        }
    }

    /** Four pairs with prompts of 1 to 9 tokens and responses of 1 to 7, drawn with a fixed seed. */
    private static TokenBatch batch(int vocabulary, PaddingSide padding) {
        Random random = new Random(7);
        int[][] lengths = {{5, 3, 7}, {1, 6, 2}, {9, 4, 4}, {3, 1, 5}};
        List<TokenizedPair> pairs = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            pairs.add(TokenizedPair.of("pair-" + i, i, tokens(random, lengths[i][0], vocabulary),
                    tokens(random, lengths[i][1], vocabulary), tokens(random, lengths[i][2], vocabulary), new int[] {1}));
        }
        return TokenBatch.of(pairs, BatchConfig.builder(0).batchSize(pairs.size()).maxLength(32).maxPromptLength(16)
                .paddingSide(padding)
                .build());
    }

    private static int[] tokens(Random random, int count, int vocabulary) {
        int[] tokens = new int[count];
        for (int i = 0; i < count; i++) {
            tokens[i] = 3 + random.nextInt(vocabulary - 3);
        }
        return tokens;
    }

    /** Every parameter's gradient, copied out, and the gradients cleared. */
    private static Map<String, float[]> gradients(CausalLm model) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Parameter parameter : model.block().getParameters().values()) {
            NDArray gradient = parameter.getArray().getGradient();
            out.put(parameter.getName(), gradient.toFloatArray());
            gradient.subi(gradient);
        }
        return out;
    }

    /**
     * Each value within 1e-5 of the expected one, relative to the array's largest magnitude where
     * that exceeds 1: a gradient element is a sum over every position, whose float rounding scales
     * with the terms, not with the (possibly cancelling) total.
     */
    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double tolerance = TOLERANCE * Math.max(1, maxAbs(expected));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
        }
    }

    private static double maxAbs(float[] values) {
        double max = 0;
        for (float value : values) {
            max = Math.max(max, Math.abs(value));
        }
        return max;
    }
}
