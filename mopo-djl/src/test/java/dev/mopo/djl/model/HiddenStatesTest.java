package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.checkpoint.Checkpoint;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The final hidden states: the head applied to them gives the logits exactly, with or without the head loaded. */
class HiddenStatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama-mha", "opt-pre-ln"})
    void headTimesHiddenStatesIsTheLogits(String name) throws IOException {
        try (CausalLm lm = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32);
                Checkpoint checkpoint = Checkpoint.open(Fixtures.model(name));
                BaseModel base = BaseModel.load(checkpoint, lm.config(), Device.cpu(), DataType.FLOAT32,
                        Set.of(lm.config().architecture().names().head() + ".weight"));
                NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray ids = manager.create(new long[] {7, 3, 50, 12, 0, 0, 9, 4, 33, 21}, new Shape(2, 5));
            NDArray mask = manager.create(new long[] {1, 1, 1, 1, 0, 1, 1, 1, 1, 1}, new Shape(2, 5));
            NDArray hidden = base.hiddenStates(ids, mask);
            ModelConfig config = lm.config();
            assertEquals(new Shape(2, 5, config.wordEmbedDim()), hidden.getShape());
            NDArray head = lm.tensors().stream()
                    .filter(t -> t.name().equals((config.tiedEmbeddings() ? config.architecture().names().embed()
                            : config.architecture().names().head()) + ".weight"))
                    .findFirst().orElseThrow().array();
            NDArray logits = hidden.getNDArrayInternal().linear(hidden, head, null).singletonOrThrow();
            assertArrayEquals(lm.logits(ids, mask).toFloatArray(), logits.toFloatArray());
            assertEquals(lm.numParameters() - (config.tiedEmbeddings() ? 0 : head.size()), base.numParameters());
        }
    }

    @Test
    void aBlockWithoutHeadOnlyGivesHiddenStates() throws IOException {
        ModelConfig config = ConfigParser.read(Fixtures.model("llama-mha").resolve("config.json"));
        CausalLmBlock block = new CausalLmBlock(config, false);
        assertEquals(new Shape(1, 3, config.hiddenSize()), block.getOutputShapes(new Shape[] {new Shape(1, 3)})[0]);
        assertThrows(IllegalStateException.class, () -> block.forward(null, null, null, null, null, false));
    }
}
