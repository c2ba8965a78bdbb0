package dev.mopo.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading past 2 GiB (a sparse file) and in many small blocks. */
class LargeFileTest {

    private static final long FAR = 3L << 30;

    @Test
    void readsATensorStoredBeyondTwoGibibytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.safetensors");
        String header = "{\"near\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"far\":{\"dtype\":\"BF16\",\"shape\":[4,8],\"data_offsets\":[" + FAR + "," + (FAR + 64) + "]}}";
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        long dataStart = 8 + json.length;
        float[] expected = new float[32];
        ByteBuffer far = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 32; i++) {
            short bits = FloatBits.floatToBf16(i * 0.37f - 5);
            expected[i] = FloatBits.bf16ToFloat(bits);
            far.putShort(bits);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ByteBuffer start = ByteBuffer.allocate((int) dataStart + 8).order(ByteOrder.LITTLE_ENDIAN);
            start.putLong(json.length).put(json).putFloat(1.5f).putFloat(-2.25f).flip();
            channel.write(start, 0);
            channel.write(far.flip(), dataStart + FAR);
        }
        try (Checkpoint checkpoint = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
            assertArrayEquals(new float[] {1.5f, -2.25f},
                    checkpoint.read("near", manager, DataType.FLOAT32).toFloatArray());
            NDArray tail = checkpoint.read("far", new Shape(4, 8), manager, DataType.FLOAT32);
            assertArrayEquals(expected, tail.toFloatArray());
        }
    }

    @Test
    void smallBlocksGiveTheSameTensor() throws IOException {
        Path file = Fixtures.model("llama-bf16").resolve("model.safetensors");
        try (Checkpoint checkpoint = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager();
                FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            TensorReader tiny = new TensorReader(48);
            for (String name : checkpoint.names()) {
                TensorInfo info = checkpoint.info(name).orElseThrow();
                float[] whole = checkpoint.read(name, manager, DataType.FLOAT32).toFloatArray();
                assertArrayEquals(whole, tiny.read(channel, info, manager, DataType.FLOAT32).toFloatArray(), name);
                NDArray half = tiny.read(channel, info, manager, DataType.FLOAT16);
                assertEquals(DataType.FLOAT16, half.getDataType());
                assertArrayEquals(whole, half.toType(DataType.FLOAT32, false).toFloatArray(), 0.01f, name);
            }
        }
    }
}
