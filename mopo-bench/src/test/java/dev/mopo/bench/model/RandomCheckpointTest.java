package dev.mopo.bench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomCheckpointTest {

    static final LlamaShape TINY = new LlamaShape(32, 2, 4, 2, 48, 100);

    @Test
    void theModelCodeLoadsTheCheckpointWithNormsOfOneAndSmallRandomWeights(@TempDir Path dir) throws IOException {
        List<Path> files = RandomCheckpoint.write(TINY, dir, 7, Long.MAX_VALUE);
        assertEquals(List.of(dir.resolve(Checkpoint.SINGLE_FILE)), files);
        try (CausalLm model = CausalLm.load(dir, Device.cpu(), DataType.FLOAT32)) {
            assertEquals(TINY.parameters(), model.numParameters());
            assertEquals(2, model.config().groupSize());
            for (Parameter parameter : model.block().getParameters().values()) {
                float[] values = parameter.getArray().toFloatArray();
                if (parameter.getType() == Parameter.Type.GAMMA) {
                    for (float value : values) {
                        assertEquals(1f, value, parameter.getName());
                    }
                } else {
                    boolean negative = false;
                    for (float value : values) {
                        float magnitude = Math.abs(value);
                        assertTrue(magnitude >= 0x1p-9f && magnitude < 0x1p-5f, parameter.getName() + ": " + value);
                        negative |= value < 0;
                    }
                    assertTrue(negative, parameter.getName() + " has both signs");
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameBytesAndShardsLoadAlike(@TempDir Path dir) throws IOException {
        RandomCheckpoint.write(TINY, dir.resolve("a"), 3, Long.MAX_VALUE);
        RandomCheckpoint.write(TINY, dir.resolve("b"), 3, Long.MAX_VALUE);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(Checkpoint.SINGLE_FILE)),
                Files.readAllBytes(dir.resolve("b").resolve(Checkpoint.SINGLE_FILE)));
        List<Path> sharded = RandomCheckpoint.write(TINY, dir.resolve("c"), 3, 4000);
        assertTrue(sharded.contains(dir.resolve("c").resolve(Checkpoint.INDEX_FILE)));
        try (CausalLm whole = CausalLm.load(dir.resolve("a"), Device.cpu(), DataType.FLOAT32);
                CausalLm shards = CausalLm.load(dir.resolve("c"), Device.cpu(), DataType.FLOAT32)) {
            float[][] expected = whole.logits(new long[] {1, 5, 9});
            float[][] actual = shards.logits(new long[] {1, 5, 9});
            for (int t = 0; t < expected.length; t++) {
                assertArrayEquals(expected[t], actual[t]);
            }
        }
    }
}
