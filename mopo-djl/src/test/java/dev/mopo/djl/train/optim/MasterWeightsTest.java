package dev.mopo.djl.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.SequenceLogProbs;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** fp32 masters of an fp16 policy: an update is written into the same parameter arrays, which still learn. */
class MasterWeightsTest {

    private static final Path MODEL = Path.of("src", "test", "resources", "models", "llama-gqa-tied");

    @Test
    void updatesReachTheFp16ParametersInPlaceAndGradientsStillFlow() throws IOException {
        try (CausalLm policy = CausalLm.load(MODEL, Device.cpu(), DataType.FLOAT16)) {
            List<NamedTensor> before = policy.tensors();
            MasterWeights masters = MasterWeights.load(MODEL, policy);
            Map<String, NDArray> arrays = masters.arrays();
            assertEquals(before.size(), arrays.size());
            for (NamedTensor tensor : before) {
                assertEquals(DataType.FLOAT32, arrays.get(tensor.name()).getDataType());
                tensor.array().setRequiresGradient(true);
            }
            for (NDArray master : arrays.values()) {
                master.addi(0.01);
            }
            masters.writeBack();
            List<NamedTensor> after = policy.tensors();
            for (int i = 0; i < before.size(); i++) {
                NDArray parameter = after.get(i).array();
                assertSame(before.get(i).array(), parameter, "the parameter array must stay the same object");
                assertEquals(DataType.FLOAT16, parameter.getDataType());
                float[] rounded = arrays.get(after.get(i).name()).toType(DataType.FLOAT16, false)
                        .toType(DataType.FLOAT32, false).toFloatArray();
                assertArrayEquals(rounded, parameter.toType(DataType.FLOAT32, false).toFloatArray());
            }
            try (NDManager manager = NDManager.newBaseManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray ids = manager.create(new long[][] {{1, 5, 9, 4}});
                NDArray mask = manager.create(new long[][] {{0, 1, 1, 1}});
                SequenceLogProbs scored = LogProbs.score(policy.block(), policy.parameterStore(), ids, null, mask, true);
                assertEquals(DataType.FLOAT32, scored.sum().getDataType());
                collector.backward(scored.sum().sum().neg());
            }
            for (NamedTensor tensor : after) {
                NDArray gradient = tensor.array().getGradient();
                assertEquals(DataType.FLOAT16, gradient.getDataType());
                double norm = gradient.toType(DataType.FLOAT64, false).abs().sum().getDouble();
                assertTrue(Double.isFinite(norm) && norm > 0, tensor.name() + " received no gradient");
            }
        }
    }
}
