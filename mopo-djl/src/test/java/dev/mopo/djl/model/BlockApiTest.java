package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The decoder used through DJL's generic Block API, and its parameter names. */
class BlockApiTest {

    @Test
    void genericForwardGivesTheLogitsAndParametersCarryCheckpointNames() throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model("gpt2"), Device.cpu(), DataType.FLOAT32);
                NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(new long[] {7, 3, 99, 12}, new Shape(1, 4));
            NDArray mask = manager.ones(new Shape(1, 4), DataType.INT64);
            NDArray generic = model.block().forward(model.parameterStore(), new NDList(ids, mask), false).singletonOrThrow();
            assertArrayEquals(model.logits(ids).toFloatArray(), generic.toFloatArray());
            assertEquals(new Shape(1, 4, 128), model.block().getOutputShapes(new Shape[] {new Shape(1, 4)})[0]);
            boolean conv1d = false;
            for (Parameter parameter : model.block().getParameters().values()) {
                assertTrue(parameter.getName().startsWith("transformer."), parameter.getName());
                conv1d |= parameter.getName().equals("transformer.h.0.attn.c_attn.weight")
                        && parameter.getShape().equals(new Shape(32, 96));
            }
            assertTrue(conv1d, "GPT-2 Conv1D weights keep their [in, out] layout");
        }
    }
}
