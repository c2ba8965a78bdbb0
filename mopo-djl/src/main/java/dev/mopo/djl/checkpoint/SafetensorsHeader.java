package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated header of one safetensors file: an 8-byte little-endian length, then that many
 * bytes of JSON mapping tensor names to dtype, shape and data offsets (relative to the data region
 * that follows the header).
 *
 * <p>Everything is checked before any tensor is touched, and before anything larger than the
 * header is allocated: the header length against the file size, well-formed JSON (strict, no
 * duplicate names), a known dtype, offsets inside the data region and not overlapping, and
 * {@code shape product × dtype size == byte span}. Each failure is a {@link CheckpointException}
 * naming the file and the tensor.
 */
public final class SafetensorsHeader {

    /** The safetensors format's own limit on header size. */
    static final long MAX_HEADER_BYTES = 100L << 20;

    private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

    private final Path file;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsHeader(Path file, Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.file = file;
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /** Reads and validates the header of {@code file}. */
    public static SafetensorsHeader read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw fail(file, "is " + fileSize + " bytes long, too short for a safetensors header (truncated file?)");
            }
            ByteBuffer lengthBytes = readFully(channel, 0, 8);
            long headerLength = lengthBytes.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (headerLength < 2 || headerLength > fileSize - 8) {
                throw fail(file, "header length " + Long.toUnsignedString(headerLength) + " does not fit in the file of "
                        + fileSize + " bytes (truncated file, or not a safetensors file)");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw fail(file, "header length " + headerLength + " exceeds the safetensors limit of "
                        + MAX_HEADER_BYTES + " bytes");
            }
            ByteBuffer json = readFully(channel, 8, (int) headerLength);
            long dataStart = 8 + headerLength;
            return parse(file, StandardCharsets.UTF_8.decode(json).toString(), dataStart, fileSize - dataStart);
        }
    }

    /** The file this header belongs to. */
    public Path file() {
        return file;
    }

    /** Tensors by name, in header order. */
    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The free-form {@code __metadata__} strings (for example {@code format: pt}). */
    public Map<String, String> metadata() {
        return metadata;
    }

    private static SafetensorsHeader parse(Path file, String text, long dataStart, long dataLength) {
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw fail(file, "header is not a JSON object");
            }
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                JsonElement value = JSON.read(reader);
                if ("__metadata__".equals(name)) {
                    readMetadata(file, value, metadata);
                } else if (tensors.containsKey(name)) {
                    throw fail(file, "tensor '" + name + "' appears twice in the header");
                } else {
                    tensors.put(name, tensor(file, name, value, dataStart, dataLength));
                }
            }
            reader.endObject();
            // trailing spaces pad the header to a multiple of 8 bytes
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw fail(file, "header has content after its JSON object");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointException) {
                throw (CheckpointException) e;
            }
            throw fail(file, "header is not well-formed JSON: " + firstLine(e.getMessage()));
        }
        checkNoOverlap(file, tensors);
        return new SafetensorsHeader(file, tensors, metadata);
    }

    private static void readMetadata(Path file, JsonElement value, Map<String, String> metadata) {
        if (!value.isJsonObject()) {
            throw fail(file, "__metadata__ must be an object of strings, got " + value);
        }
        for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
            JsonElement v = entry.getValue();
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                throw fail(file, "__metadata__." + entry.getKey() + " must be a string, got " + v);
            }
            metadata.put(entry.getKey(), v.getAsString());
        }
    }

    private static TensorInfo tensor(Path file, String name, JsonElement value, long dataStart, long dataLength) {
        if (!value.isJsonObject()) {
            throw fail(file, name, "entry must be an object with dtype, shape and data_offsets, got " + value);
        }
        JsonObject entry = value.getAsJsonObject();
        JsonElement code = entry.get("dtype");
        if (code == null || !code.isJsonPrimitive() || !code.getAsJsonPrimitive().isString()) {
            throw fail(file, name, "dtype must be a string, got " + code);
        }
        SafetensorsDtype dtype = SafetensorsDtype.fromCode(code.getAsString()).orElseThrow(() -> fail(file, name,
                "unknown dtype '" + code.getAsString() + "' (known: " + SafetensorsDtype.codes() + ")"));
        JsonArray shapeJson = array(file, name, entry, "shape");
        long[] dims = new long[shapeJson.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = nonNegative(file, name, "shape[" + i + "]", shapeJson.get(i));
            elements = multiply(file, name, elements, dims[i]);
        }
        JsonArray offsets = array(file, name, entry, "data_offsets");
        if (offsets.size() != 2) {
            throw fail(file, name, "data_offsets must be [begin, end], got " + offsets);
        }
        long begin = nonNegative(file, name, "data_offsets[0]", offsets.get(0));
        long end = nonNegative(file, name, "data_offsets[1]", offsets.get(1));
        if (begin > end) {
            throw fail(file, name, "data_offsets " + offsets + " has begin after end");
        }
        if (end > dataLength) {
            throw fail(file, name, "data_offsets " + offsets + " end beyond the data region of " + dataLength
                    + " bytes (truncated file, or offsets outside the file)");
        }
        long expectedBytes = multiply(file, name, elements, dtype.bytes());
        if (expectedBytes != end - begin) {
            throw fail(file, name, "shape " + new Shape(dims) + " × " + dtype + " (" + dtype.bytes() + " bytes) = "
                    + expectedBytes + " bytes but data_offsets " + offsets + " span " + (end - begin) + " bytes");
        }
        return new TensorInfo(name, file, dtype, new Shape(dims), dataStart + begin, dataStart + end);
    }

    private static void checkNoOverlap(Path file, Map<String, TensorInfo> tensors) {
        List<TensorInfo> sorted = new ArrayList<>(tensors.values());
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo previous = sorted.get(i - 1);
            TensorInfo current = sorted.get(i);
            if (current.begin() < previous.end()) {
                throw fail(file, current.name(), "data overlaps tensor '" + previous.name() + "'");
            }
        }
    }

    private static JsonArray array(Path file, String name, JsonObject entry, String key) {
        JsonElement value = entry.get(key);
        if (value == null || !value.isJsonArray()) {
            throw fail(file, name, key + " must be an array, got " + value);
        }
        return value.getAsJsonArray();
    }

    private static long nonNegative(Path file, String name, String what, JsonElement value) {
        try {
            long number = new BigDecimal(value.getAsJsonPrimitive().getAsString()).longValueExact();
            if (number >= 0) {
                return number;
            }
        } catch (ArithmeticException | IllegalStateException | NumberFormatException e) {
            // reported below
        }
        throw fail(file, name, what + " must be a non-negative integer, got " + value);
    }

    private static long multiply(Path file, String name, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw fail(file, name, "size overflows a 64-bit byte count");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    /** Gson's parse messages end in a second line pointing at its troubleshooting page. */
    static String firstLine(String message) {
        if (message == null) {
            return "unexpected end of input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static CheckpointException fail(Path file, String message) {
        return new CheckpointException(file + ": " + message);
    }

    static CheckpointException fail(Path file, String tensor, String message) {
        return new CheckpointException(file + ": tensor '" + tensor + "': " + message);
    }
}
