package dev.mopo.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tensors whose bytes are generated while the file is written, read back by the checkpoint reader. */
class StreamingWriteTest {

    @Test
    void generatedBf16TensorsRoundTripThroughShards(@TempDir Path dir) throws IOException {
        // 40 000 elements: more than one pass of the reader's bf16 widening loop
        Counting big = new Counting("big", SafetensorsDtype.BF16, new Shape(200, 200), 0.001f);
        Counting small = new Counting("small", SafetensorsDtype.BF16, new Shape(7), -3f);
        JsonObject config = new JsonObject();
        config.addProperty("model_type", "llama");
        List<Path> files = new CheckpointWriter(SafetensorsDtype.BF16, 50_000)
                .writeSources(dir, List.of(big, small), config, null);
        assertEquals(3, files.size(), "two shards and the index");
        JsonObject index = JsonFile.read(dir.resolve(Checkpoint.INDEX_FILE));
        assertEquals(40_007, index.getAsJsonObject("metadata").get("total_parameters").getAsLong());
        assertEquals("bfloat16", JsonFile.read(dir.resolve("config.json")).get("torch_dtype").getAsString());
        try (Checkpoint checkpoint = Checkpoint.open(dir); NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(big.expected(), checkpoint.read("big", big.shape(), manager, DataType.FLOAT32)
                    .toFloatArray());
            assertArrayEquals(small.expected(), checkpoint.read("small", manager, DataType.FLOAT32).toFloatArray());
        }
    }

    @Test
    void aSourceWritingTheWrongByteCountFailsTheFile(@TempDir Path dir) {
        TensorSource shortOne = new Counting("short", SafetensorsDtype.F32, new Shape(4), 1f) {
            @Override
            public void writeTo(WritableByteChannel out) throws IOException {
                out.write(ByteBuffer.allocate(12));
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SafetensorsWriter.write(dir.resolve("model.safetensors"), List.of(shortOne)));
        assertTrue(e.getMessage().contains("'short' wrote 12 bytes") && e.getMessage().contains("takes 16"),
                e.getMessage());
        assertTrue(!Files.exists(dir.resolve("model.safetensors")), "no half-written file");
    }

    @Test
    void floatSourcesMustMatchTheStorageTypeTheConfigRecords(@TempDir Path dir) {
        TensorSource f32 = new Counting("w", SafetensorsDtype.F32, new Shape(2), 1f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CheckpointWriter(SafetensorsDtype.BF16, 1000).writeSources(dir, List.of(f32),
                        new JsonObject(), null));
        assertTrue(e.getMessage().contains("'w' is F32 but this writer stores floats as BF16"), e.getMessage());
    }

    /** Values {@code i · step}, generated in chunks of 100 elements. */
    private static class Counting implements TensorSource {

        private final String name;
        private final SafetensorsDtype dtype;
        private final Shape shape;
        private final float step;

        Counting(String name, SafetensorsDtype dtype, Shape shape, float step) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.step = step;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SafetensorsDtype dtype() {
            return dtype;
        }

        @Override
        public Shape shape() {
            return shape;
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            ByteBuffer chunk = ByteBuffer.allocate(100 * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < shape.size(); i++) {
                if (dtype == SafetensorsDtype.BF16) {
                    chunk.putShort(FloatBits.floatToBf16(i * step));
                } else {
                    chunk.putFloat(i * step);
                }
                if (!chunk.hasRemaining() || i == shape.size() - 1) {
                    out.write(chunk.flip());
                    chunk.clear();
                }
            }
        }

        float[] expected() {
            float[] values = new float[(int) shape.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = dtype == SafetensorsDtype.BF16 ? FloatBits.bf16ToFloat(FloatBits.floatToBf16(i * step))
                        : i * step;
            }
            return values;
        }
    }
}
