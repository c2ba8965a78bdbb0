package dev.mopo.djl.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one safetensors file, atomically, that the {@code safetensors} library and transformers
 * load: the header carries {@code __metadata__: {format: pt}} and is space-padded to a multiple of
 * 8 bytes; tensors follow back to back in the given order. Float arrays are stored as F32, F16 or
 * BF16 (fp32 → bf16 rounds to nearest even, in Java); each tensor is copied out a block of rows
 * at a time, so peak extra memory is one block.
 */
public final class SafetensorsWriter {

    private static final Gson GSON = new Gson();
    private static final long BLOCK_BYTES = 64L << 20;

    private SafetensorsWriter() {}

    /** Bytes a tensor takes on disk when floats are stored as {@code floatStorage}. */
    public static long byteSize(NDArray array, SafetensorsDtype floatStorage) {
        return array.size() * SafetensorsDtype.forArray(array.getDataType(), floatStorage).bytes();
    }

    /** Writes {@code tensors} to {@code file}, storing float arrays as {@code floatStorage}. */
    public static void write(Path file, List<NamedTensor> tensors, SafetensorsDtype floatStorage) throws IOException {
        if (floatStorage != SafetensorsDtype.F32 && floatStorage != SafetensorsDtype.F16
                && floatStorage != SafetensorsDtype.BF16) {
            throw new IllegalArgumentException("float storage must be F32, F16 or BF16, got " + floatStorage);
        }
        byte[] header = header(tensors, floatStorage);
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            out.write(length.array());
            out.write(header);
            WritableByteChannel channel = Channels.newChannel(out);
            for (NamedTensor tensor : tensors) {
                writeData(channel, out, tensor.array(), SafetensorsDtype.forArray(tensor.array().getDataType(), floatStorage));
            }
        });
    }

    private static byte[] header(List<NamedTensor> tensors, SafetensorsDtype floatStorage) {
        JsonObject json = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", "pt");
        json.add("__metadata__", metadata);
        long offset = 0;
        for (NamedTensor tensor : tensors) {
            if (json.has(tensor.name())) {
                throw new IllegalArgumentException("tensor '" + tensor.name() + "' is listed twice");
            }
            SafetensorsDtype dtype = SafetensorsDtype.forArray(tensor.array().getDataType(), floatStorage);
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", dtype.name());
            JsonArray shape = new JsonArray();
            for (long dim : tensor.array().getShape().getShape()) {
                shape.add(dim);
            }
            entry.add("shape", shape);
            long end = offset + tensor.array().size() * dtype.bytes();
            JsonArray offsets = new JsonArray();
            offsets.add(offset);
            offsets.add(end);
            entry.add("data_offsets", offsets);
            json.add(tensor.name(), entry);
            offset = end;
        }
        return pad(GSON.toJson(json).getBytes(StandardCharsets.UTF_8));
    }

    /** Pads the header with spaces to a multiple of 8 bytes, as the safetensors library does. */
    private static byte[] pad(byte[] bytes) {
        byte[] padded = new byte[(bytes.length + 7) / 8 * 8];
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        for (int i = bytes.length; i < padded.length; i++) {
            padded[i] = ' ';
        }
        return padded;
    }

    private static void writeData(WritableByteChannel channel, OutputStream out, NDArray array, SafetensorsDtype dtype)
            throws IOException {
        Shape shape = array.getShape();
        long rows = shape.dimension() == 0 ? 1 : shape.get(0);
        if (array.size() == 0) {
            return;
        }
        long rowElements = array.size() / rows;
        long rowsPerBlock = Math.max(1, BLOCK_BYTES / (rowElements * 4));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray matrix = array.reshape(rows, rowElements);
            for (long first = 0; first < rows; first += rowsPerBlock) {
                long last = Math.min(rows, first + rowsPerBlock);
                NDArray block = matrix.get(new NDIndex("{}:{}", first, last)).toDevice(Device.cpu(), false);
                if (dtype == SafetensorsDtype.BF16) {
                    writeBf16(out, block.toType(DataType.FLOAT32, false));
                } else {
                    NDArray typed = block.toType(dtype.djlType().orElseThrow(), false);
                    channel.write(typed.toByteBuffer(true));
                }
            }
        }
    }

    private static void writeBf16(OutputStream out, NDArray floats) throws IOException {
        FloatBuffer values = floats.toByteBuffer(true).asFloatBuffer();
        byte[] bytes = new byte[values.remaining() * 2];
        ByteBuffer target = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (values.hasRemaining()) {
            target.putShort(FloatBits.floatToBf16(values.get()));
        }
        out.write(bytes);
    }
}
