package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tensors of a Hugging Face checkpoint folder: {@code model.safetensors}, or
 * {@code model.safetensors.index.json} plus its shards. Every header is read and validated when
 * the checkpoint is opened; tensors are then read one at a time, a block of rows at a time,
 * straight into an NDArray of the compute type (see {@link TensorReader}).
 *
 * <p>Pickle checkpoints ({@code pytorch_model.bin}) are refused: unpickling runs arbitrary code
 * and DJL cannot read them safely.
 */
public final class Checkpoint implements AutoCloseable {

    /** The single-file weights name transformers writes. */
    public static final String SINGLE_FILE = "model.safetensors";
    /** The index of a sharded checkpoint. */
    public static final String INDEX_FILE = "model.safetensors.index.json";

    private static final List<String> PICKLE_FILES = List.of(
            "pytorch_model.bin", "pytorch_model.bin.index.json", "model.pt", "model.pth");

    private final Path location;
    private final Map<String, TensorInfo> tensors;
    private final Map<Path, FileChannel> channels = new LinkedHashMap<>();
    private final TensorReader reader = new TensorReader();

    private Checkpoint(Path location, Map<String, TensorInfo> tensors) {
        this.location = location;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Opens a checkpoint folder, or a single {@code .safetensors} file. */
    public static Checkpoint open(Path location) throws IOException {
        if (Files.isRegularFile(location)) {
            return new Checkpoint(location, SafetensorsHeader.read(location).tensors());
        }
        if (!Files.isDirectory(location)) {
            throw new CheckpointException(location + ": no such checkpoint folder or safetensors file");
        }
        Path index = location.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            return new Checkpoint(location, sharded(index));
        }
        Path single = location.resolve(SINGLE_FILE);
        if (Files.isRegularFile(single)) {
            return new Checkpoint(location, SafetensorsHeader.read(single).tensors());
        }
        for (String pickle : PICKLE_FILES) {
            if (Files.exists(location.resolve(pickle))) {
                throw new CheckpointException(location.resolve(pickle) + ": pickle checkpoints cannot be read safely; "
                        + "convert the folder to safetensors first, e.g. with transformers: "
                        + "AutoModelForCausalLM.from_pretrained(dir).save_pretrained(dir, safe_serialization=True)");
            }
        }
        throw new CheckpointException(location + ": no " + SINGLE_FILE + " or " + INDEX_FILE + " in the folder");
    }

    /** The folder (or file) this checkpoint was opened from. */
    public Path location() {
        return location;
    }

    /** The names of all tensors, in file order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** Where a tensor lives, if the checkpoint has it. */
    public Optional<TensorInfo> info(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /**
     * Reads a tensor that must have {@code expected} shape. Float tensors are converted to
     * {@code computeType} (FLOAT32 or FLOAT16); integer tensors keep their own type.
     */
    public NDArray read(String name, Shape expected, NDManager manager, DataType computeType) throws IOException {
        TensorInfo tensor = require(name);
        if (!tensor.shape().equals(expected)) {
            throw new CheckpointException(tensor.file() + ": tensor '" + name + "' has shape " + tensor.shape()
                    + " but the model expects " + expected);
        }
        return read(tensor, manager, computeType);
    }

    /** Reads a tensor of any shape (see {@link #read(String, Shape, NDManager, DataType)}). */
    public NDArray read(String name, NDManager manager, DataType computeType) throws IOException {
        return read(require(name), manager, computeType);
    }

    private NDArray read(TensorInfo tensor, NDManager manager, DataType computeType) throws IOException {
        FileChannel channel = channels.get(tensor.file());
        if (channel == null) {
            channel = FileChannel.open(tensor.file(), StandardOpenOption.READ);
            channels.put(tensor.file(), channel);
        }
        return reader.read(channel, tensor, manager, computeType);
    }

    private TensorInfo require(String name) {
        TensorInfo tensor = tensors.get(name);
        if (tensor == null) {
            throw new CheckpointException(location + ": tensor '" + name + "' is missing from the checkpoint");
        }
        return tensor;
    }

    /** Closes the open files. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (FileChannel channel : channels.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        channels.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, TensorInfo> sharded(Path index) throws IOException {
        JsonObject weightMap = JsonFile.object(JsonFile.read(index), "weight_map", index);
        Map<String, SafetensorsHeader> shards = new LinkedHashMap<>();
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Path folder = index.getParent();
        for (Map.Entry<String, JsonElement> entry : weightMap.entrySet()) {
            String name = entry.getKey();
            JsonElement value = entry.getValue();
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw new CheckpointException(index + ": weight_map['" + name + "'] must be a file name, got " + value);
            }
            String shardName = value.getAsString();
            Path shard = folder.resolve(shardName).normalize();
            if (!folder.equals(shard.getParent())) {
                throw new CheckpointException(index + ": weight_map['" + name + "'] names a file outside the folder: "
                        + shardName);
            }
            if (!Files.isRegularFile(shard)) {
                throw new CheckpointException(index + ": tensor '" + name + "' is mapped to " + shardName
                        + ", which does not exist");
            }
            SafetensorsHeader header = shards.get(shardName);
            if (header == null) {
                header = SafetensorsHeader.read(shard);
                shards.put(shardName, header);
            }
            TensorInfo tensor = header.tensors().get(name);
            if (tensor == null) {
                throw new CheckpointException(shard + ": tensor '" + name + "' is missing (the index maps it to this shard)");
            }
            tensors.put(name, tensor);
        }
        return tensors;
    }
}
