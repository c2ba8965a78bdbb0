package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one safetensors file, atomically, that the {@code safetensors} library and transformers
 * load: the header carries {@code __metadata__: {format: pt}} and is space-padded to a multiple of
 * 8 bytes; tensors follow back to back in the given order. Each tensor's bytes come from its
 * {@link TensorSource} while the file is written, so nothing beyond one source's buffer is held:
 * arrays are copied out a block of rows at a time, generated tensors are generated as they go.
 */
public final class SafetensorsWriter {

    private static final Gson GSON = new Gson();

    private SafetensorsWriter() {}

    /** Bytes a tensor takes on disk when floats are stored as {@code floatStorage}. */
    public static long byteSize(NDArray array, SafetensorsDtype floatStorage) {
        return array.size() * SafetensorsDtype.forArray(array.getDataType(), floatStorage).bytes();
    }

    /** Writes {@code tensors} to {@code file}, storing float arrays as {@code floatStorage} (F32, F16 or BF16). */
    public static void write(Path file, List<NamedTensor> tensors, SafetensorsDtype floatStorage) throws IOException {
        requireFloatStorage(floatStorage);
        List<TensorSource> sources = new ArrayList<>();
        for (NamedTensor tensor : tensors) {
            sources.add(tensor.as(floatStorage));
        }
        write(file, sources);
    }

    /** Writes {@code tensors} to {@code file}, each as its source's dtype. */
    public static void write(Path file, List<? extends TensorSource> tensors) throws IOException {
        byte[] header = header(tensors);
        AtomicFiles.write(file, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            out.write(length.array());
            out.write(header);
            for (TensorSource tensor : tensors) {
                CountingChannel channel = new CountingChannel(out);
                tensor.writeTo(channel);
                if (channel.bytes != tensor.byteSize()) {
                    throw new IllegalStateException(file + ": tensor '" + tensor.name() + "' wrote " + channel.bytes
                            + " bytes, but its shape " + tensor.shape() + " of " + tensor.dtype() + " takes "
                            + tensor.byteSize());
                }
            }
        });
    }

    /** Refuses storage types other than the float types a checkpoint may be saved in. */
    static void requireFloatStorage(SafetensorsDtype floatStorage) {
        if (floatStorage != SafetensorsDtype.F32 && floatStorage != SafetensorsDtype.F16
                && floatStorage != SafetensorsDtype.BF16) {
            throw new IllegalArgumentException("float storage must be F32, F16 or BF16, got " + floatStorage);
        }
    }

    private static byte[] header(List<? extends TensorSource> tensors) {
        JsonObject json = new JsonObject();
        JsonObject metadata = new JsonObject();
        metadata.addProperty("format", "pt");
        json.add("__metadata__", metadata);
        long offset = 0;
        for (TensorSource tensor : tensors) {
            if (json.has(tensor.name())) {
                throw new IllegalArgumentException("tensor '" + tensor.name() + "' is listed twice");
            }
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", tensor.dtype().name());
            JsonArray shape = new JsonArray();
            for (long dim : tensor.shape().getShape()) {
                shape.add(dim);
            }
            entry.add("shape", shape);
            long end = offset + tensor.byteSize();
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

    /** The file's stream as a channel that counts what one tensor writes. */
    private static final class CountingChannel implements WritableByteChannel {

        private final WritableByteChannel channel;
        private long bytes;

        CountingChannel(OutputStream out) {
            this.channel = Channels.newChannel(out);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int written = channel.write(source);
            bytes += written;
            return written;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        /** Leaves the file open: the writer closes it. */
        @Override
        public void close() {}
    }
}
