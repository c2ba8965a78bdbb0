package dev.mopo.djl.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken checkpoints, made from a good fixture in a temporary folder: each fails with one line
 * naming the file and, where there is one, the tensor.
 */
class BadCheckpointTest {

    private static final String TENSOR = "model.layers.0.mlp.gate_proj.weight";

    @TempDir
    Path dir;
    private Path folder;
    private Path weights;

    @BeforeEach
    void copyFixture() throws IOException {
        folder = Fixtures.copy("llama-mha", dir.resolve("model"));
        weights = folder.resolve("model.safetensors");
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, Arrays.copyOf(bytes, bytes.length / 2));
        String message = failure();
        assertTrue(message.contains("end beyond the data region"), message);
        assertTrue(message.contains("tensor '"), message);
    }

    @Test
    void fileShorterThanTheLengthField() throws IOException {
        Files.write(weights, new byte[] {1, 2, 3});
        assertTrue(failure().contains("too short"));
    }

    @Test
    void lyingHeaderLength() throws IOException {
        byte[] bytes = Files.readAllBytes(weights);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length * 10L);
        Files.write(weights, bytes);
        assertTrue(failure().contains("does not fit in the file"));
    }

    @Test
    void malformedHeaderJson() throws IOException {
        byte[] bytes = Files.readAllBytes(weights);
        int colon = 8;
        while (bytes[colon] != ':') {
            colon++;
        }
        bytes[colon] = ';';
        Files.write(weights, bytes);
        String message = failure();
        assertTrue(message.contains("not well-formed JSON"), message);
    }

    @Test
    void offsetsOutsideTheFile() throws IOException {
        rewriteHeader(header -> {
            JsonArray offsets = header.getAsJsonObject(TENSOR).getAsJsonArray("data_offsets");
            long begin = offsets.get(0).getAsLong();
            offsets.set(0, new com.google.gson.JsonPrimitive(begin + 1_000_000_000L));
            offsets.set(1, new com.google.gson.JsonPrimitive(begin + 1_000_000_000L + 64 * 32 * 4));
        });
        String message = failure();
        assertTrue(message.contains(TENSOR) && message.contains("end beyond the data region"), message);
    }

    @Test
    void unknownDtype() throws IOException {
        rewriteHeader(header -> header.getAsJsonObject(TENSOR).addProperty("dtype", "Q4_K"));
        String message = failure();
        assertTrue(message.contains(TENSOR) && message.contains("unknown dtype 'Q4_K'"), message);
    }

    @Test
    void shapeDisagreesWithByteSpan() throws IOException {
        rewriteHeader(header -> header.getAsJsonObject(TENSOR).add("shape", shape(64, 31)));
        String message = failure();
        assertTrue(message.contains(TENSOR) && message.contains("span"), message);
    }

    @Test
    void overlappingTensors() throws IOException {
        rewriteHeader(header -> {
            JsonObject entry = header.getAsJsonObject(TENSOR);
            JsonArray offsets = entry.getAsJsonArray("data_offsets");
            entry.add("data_offsets", offsets(offsets.get(0).getAsLong() + 4, offsets.get(1).getAsLong() + 4));
        });
        assertTrue(failure().contains("overlaps"));
    }

    @Test
    void missingTensor() throws IOException {
        rewriteHeader(header -> header.remove(TENSOR));
        String message = failure();
        assertTrue(message.contains(TENSOR) && message.contains("missing") && message.contains("(64, 32)"), message);
    }

    @Test
    void wrongShapeForTheModel() throws IOException {
        rewriteHeader(header -> header.getAsJsonObject(TENSOR).add("shape", shape(32, 64)));
        String message = failure();
        assertTrue(message.contains(TENSOR) && message.contains("(32, 64)") && message.contains("(64, 32)"), message);
    }

    @Test
    void pickleOnlyFolderIsRefused() throws IOException {
        Files.delete(weights);
        Files.write(folder.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2});
        String message = failure();
        assertTrue(message.contains("pytorch_model.bin") && message.contains("convert"), message);
    }

    @Test
    void shardIndexNamingAMissingFile() throws IOException {
        Path sharded = Fixtures.copy("llama-sharded", dir.resolve("sharded"));
        Files.delete(sharded.resolve("model-00002-of-00003.safetensors"));
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CausalLm.load(sharded, Device.cpu(), DataType.FLOAT32));
        assertTrue(e.getMessage().contains("model-00002-of-00003.safetensors"), e.getMessage());
        assertTrue(e.getMessage().contains("model.safetensors.index.json"), e.getMessage());
    }

    private String failure() {
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> CausalLm.load(folder, Device.cpu(), DataType.FLOAT32));
        String message = e.getMessage();
        assertTrue(message.contains(folder.toString()), message);
        assertFalse(message.contains("\n"), "one line: " + message);
        return message;
    }

    /** Rewrites the JSON header, keeping the data region as it is. */
    private void rewriteHeader(Consumer<JsonObject> edit) throws IOException {
        byte[] bytes = Files.readAllBytes(weights);
        long length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        JsonObject header = JsonParser.parseString(new String(bytes, 8, (int) length, StandardCharsets.UTF_8))
                .getAsJsonObject();
        edit.accept(header);
        StringBuilder text = new StringBuilder(new Gson().toJson(header));
        while (text.length() % 8 != 0) {
            text.append(' ');
        }
        byte[] json = text.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + bytes.length - 8 - (int) length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(bytes, 8 + (int) length, bytes.length - 8 - (int) length);
        Files.write(weights, out.array());
    }

    private static JsonArray shape(long... dims) {
        JsonArray array = new JsonArray();
        for (long dim : dims) {
            array.add(dim);
        }
        return array;
    }

    private static JsonArray offsets(long begin, long end) {
        return shape(begin, end);
    }
}
