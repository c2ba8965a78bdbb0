package dev.mopo.djl.checkpoint;

import com.google.gson.JsonObject;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a checkpoint folder that transformers' {@code from_pretrained} loads: the weights as
 * {@code model.safetensors}, or, above the shard size, as {@code model-0000i-of-0000n.safetensors}
 * with a {@code model.safetensors.index.json}; the {@code config.json} (its dtype field updated to
 * the storage type); and the tokenizer and generation files copied from the source folder. Every
 * file is written atomically; weight files left over from an earlier save are removed afterwards.
 */
public final class CheckpointWriter {

    /** transformers' default {@code max_shard_size}, 5 GB. */
    public static final long DEFAULT_MAX_SHARD_BYTES = 5_000_000_000L;

    /** The files beside the weights that a model folder carries along. */
    public static final List<String> SIDE_FILES = List.of("generation_config.json", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt",
            "tokenizer.model", "chat_template.jinja", "chat_template.json");

    private final SafetensorsDtype floatStorage;
    private final long maxShardBytes;

    /**
     * A writer storing float tensors as {@code floatStorage} (F32, F16 or BF16) in shards of at most
     * {@code maxShardBytes} (a single tensor larger than that gets a shard of its own).
     */
    public CheckpointWriter(SafetensorsDtype floatStorage, long maxShardBytes) {
        SafetensorsWriter.requireFloatStorage(floatStorage);
        if (maxShardBytes < 1) {
            throw new IllegalArgumentException("max shard bytes must be >= 1, got " + maxShardBytes);
        }
        this.floatStorage = floatStorage;
        this.maxShardBytes = maxShardBytes;
    }

    /**
     * Writes {@code tensors} and {@code config} to {@code folder}, copying the {@link #SIDE_FILES}
     * that exist in {@code sourceFolder} (may be null). Returns the weight files written.
     */
    public List<Path> write(Path folder, List<NamedTensor> tensors, JsonObject config, Path sourceFolder)
            throws IOException {
        List<TensorSource> sources = new ArrayList<>();
        for (NamedTensor tensor : tensors) {
            sources.add(tensor.as(floatStorage));
        }
        return writeSources(folder, sources, config, sourceFolder);
    }

    /**
     * Like {@link #write(Path, List, JsonObject, Path)}, for tensors whose bytes are produced while
     * they are written (a checkpoint that is never in memory as a whole). Float sources must be of
     * this writer's storage type, which config.json records.
     */
    public List<Path> writeSources(Path folder, List<? extends TensorSource> tensors, JsonObject config,
            Path sourceFolder) throws IOException {
        for (TensorSource tensor : tensors) {
            if (tensor.dtype().isFloat() && tensor.dtype() != floatStorage) {
                throw new IllegalArgumentException("tensor '" + tensor.name() + "' is " + tensor.dtype()
                        + " but this writer stores floats as " + floatStorage);
            }
        }
        Files.createDirectories(folder);
        List<List<TensorSource>> shards = shard(tensors);
        List<Path> written = new ArrayList<>();
        if (shards.size() == 1) {
            Path file = folder.resolve(Checkpoint.SINGLE_FILE);
            SafetensorsWriter.write(file, shards.get(0));
            written.add(file);
        } else {
            Map<String, String> weightMap = new TreeMap<>();
            long totalBytes = 0;
            long totalParameters = 0;
            for (int i = 0; i < shards.size(); i++) {
                String name = String.format(Locale.ROOT, "model-%05d-of-%05d.safetensors", i + 1, shards.size());
                Path file = folder.resolve(name);
                SafetensorsWriter.write(file, shards.get(i));
                written.add(file);
                for (TensorSource tensor : shards.get(i)) {
                    weightMap.put(tensor.name(), name);
                    totalBytes += tensor.byteSize();
                    totalParameters += tensor.shape().size();
                }
            }
            written.add(writeIndex(folder, weightMap, totalBytes, totalParameters));
        }
        writeConfig(folder, config);
        copySideFiles(sourceFolder, folder);
        removeStaleWeights(folder, written);
        return written;
    }

    private List<List<TensorSource>> shard(List<? extends TensorSource> tensors) {
        List<List<TensorSource>> shards = new ArrayList<>();
        List<TensorSource> current = new ArrayList<>();
        long currentBytes = 0;
        for (TensorSource tensor : tensors) {
            long bytes = tensor.byteSize();
            if (!current.isEmpty() && currentBytes + bytes > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(tensor);
            currentBytes += bytes;
        }
        shards.add(current);
        return shards;
    }

    private static Path writeIndex(Path folder, Map<String, String> weightMap, long totalBytes, long totalParameters)
            throws IOException {
        JsonObject metadata = new JsonObject();
        metadata.addProperty("total_parameters", totalParameters);
        metadata.addProperty("total_size", totalBytes);
        JsonObject map = new JsonObject();
        weightMap.forEach(map::addProperty);
        JsonObject index = new JsonObject();
        index.add("metadata", metadata);
        index.add("weight_map", map);
        Path file = folder.resolve(Checkpoint.INDEX_FILE);
        AtomicFiles.writeString(file, JsonFile.pretty(index));
        return file;
    }

    private void writeConfig(Path folder, JsonObject config) throws IOException {
        JsonObject copy = config.deepCopy();
        String dtype = floatStorage == SafetensorsDtype.F32 ? "float32"
                : floatStorage == SafetensorsDtype.F16 ? "float16" : "bfloat16";
        boolean layoutV5 = copy.has("dtype");
        if (layoutV5) {
            copy.addProperty("dtype", dtype);
        }
        if (copy.has("torch_dtype") || !layoutV5) {
            copy.addProperty("torch_dtype", dtype);
        }
        AtomicFiles.writeString(folder.resolve("config.json"), JsonFile.pretty(copy));
    }

    private static void copySideFiles(Path sourceFolder, Path folder) throws IOException {
        if (sourceFolder == null) {
            return;
        }
        for (String name : SIDE_FILES) {
            Path source = sourceFolder.resolve(name);
            Path target = folder.resolve(name);
            if (Files.isRegularFile(source) && !(Files.exists(target) && Files.isSameFile(source, target))) {
                AtomicFiles.write(target, out -> Files.copy(source, out));
            }
        }
    }

    private static void removeStaleWeights(Path folder, List<Path> written) throws IOException {
        Set<Path> keep = new HashSet<>(written);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                "{model.safetensors,model.safetensors.index.json,model-*-of-*.safetensors}")) {
            for (Path file : files) {
                if (!keep.contains(file)) {
                    Files.delete(file);
                }
            }
        }
    }
}
