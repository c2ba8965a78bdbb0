package dev.mopo.djl.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cached, batched, left-padded generation against full recomputation; sampling determinism; stopping. */
class GeneratorTest {

    private static final List<long[]> PROMPTS = List.of(new long[] {5, 17, 33, 8, 21, 40, 12}, new long[] {9, 30},
            new long[] {44, 3, 27, 11});

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa-tied", "mistral", "gpt-neox-parallel", "opt-post-ln", "gpt2"})
    void greedyWithCacheEqualsArgmaxOfFullRecomputation(String name) throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32)) {
            List<long[]> outputs = new Generator(model).generate(PROMPTS, GenerationConfig.greedy(12, List.of(), 0));
            for (int b = 0; b < PROMPTS.size(); b++) {
                long[] sequence = PROMPTS.get(b);
                assertEquals(12, outputs.get(b).length);
                for (long token : outputs.get(b)) {
                    float[][] logits = model.logits(sequence);
                    float[] last = logits[logits.length - 1];
                    int argmax = TokenSampler.argmax(last);
                    assertTrue(argmax == token || last[argmax] - last[(int) token] < 1e-5,
                            name + " row " + b + ": cached step chose " + token + ", recomputation " + argmax);
                    sequence = append(sequence, token);
                }
            }
        }
    }

    @Test
    void sameSeedSameSamplesAndOtherSeedsDiffer() throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model("llama-mha"), Device.cpu(), DataType.FLOAT32)) {
            Generator generator = new Generator(model);
            GenerationConfig config = GenerationConfig.sampling(16, 1.0, 0.9, 42, List.of(), 0);
            List<long[]> first = generator.generate(PROMPTS, config);
            List<long[]> second = generator.generate(PROMPTS, config);
            for (int b = 0; b < PROMPTS.size(); b++) {
                assertArrayEquals(first.get(b), second.get(b), "row " + b);
            }
            List<long[]> other = generator.generate(PROMPTS,
                    GenerationConfig.sampling(16, 1.0, 0.9, 43, List.of(), 0));
            boolean differs = false;
            for (int b = 0; b < PROMPTS.size(); b++) {
                differs |= !Arrays.equals(first.get(b), other.get(b));
            }
            assertTrue(differs, "a different seed should give a different sample");
        }
    }

    @Test
    void stopsAtEosPerSequence() throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model("llama-mha"), Device.cpu(), DataType.FLOAT32)) {
            Generator generator = new Generator(model);
            List<long[]> free = generator.generate(PROMPTS, GenerationConfig.greedy(10, List.of(), 0));
            long eos = free.get(0)[2];
            List<long[]> stopped = generator.generate(PROMPTS, GenerationConfig.greedy(10, List.of(eos), 0));
            assertTrue(stopped.get(0).length <= 3, "row 0 stops at its eos");
            for (int b = 0; b < PROMPTS.size(); b++) {
                long[] output = stopped.get(b);
                int firstEos = indexOf(free.get(b), eos);
                long[] expected = firstEos < 0 ? free.get(b) : Arrays.copyOf(free.get(b), firstEos + 1);
                assertArrayEquals(expected, output, "row " + b);
            }
            assertEquals(0, generator.generate(PROMPTS, GenerationConfig.greedy(0, List.of(), 0)).get(0).length);
        }
    }

    @Test
    void nucleusOfOneTokenIsGreedy() throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model("qwen2"), Device.cpu(), DataType.FLOAT32)) {
            Generator generator = new Generator(model);
            List<long[]> greedy = generator.generate(PROMPTS, GenerationConfig.greedy(8, List.of(), 0));
            List<long[]> tiny = generator.generate(PROMPTS, GenerationConfig.sampling(8, 0.7, 1e-6, 7, List.of(), 0));
            for (int b = 0; b < PROMPTS.size(); b++) {
                assertArrayEquals(greedy.get(b), tiny.get(b));
            }
            assertFalse(greedy.isEmpty());
        }
    }

    private static long[] append(long[] sequence, long token) {
        long[] longer = Arrays.copyOf(sequence, sequence.length + 1);
        longer[sequence.length] = token;
        return longer;
    }

    private static int indexOf(long[] values, long value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
