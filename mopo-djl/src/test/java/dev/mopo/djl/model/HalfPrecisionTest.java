package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** fp16 inference: weights converted while loading, norms and softmax in fp32; logits near the fp32 ones. */
class HalfPrecisionTest {

    @ParameterizedTest
    @ValueSource(strings = {"llama-bf16", "gpt2", "gpt-neox-parallel", "opt-post-ln"})
    void fp16LogitsStayCloseToFp32(String name) throws IOException {
        try (CausalLm half = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT16)) {
            assertEquals(DataType.FLOAT16, half.dataType());
            double diff = FixtureLogitsTest.maxSingleDiff(half, Fixtures.expected(name));
            System.out.printf("%-22s fp16 max |logit diff| %.3g%n", name, diff);
            assertTrue(diff < 0.05, name + " fp16 logits differ by " + diff);
        }
    }
}
