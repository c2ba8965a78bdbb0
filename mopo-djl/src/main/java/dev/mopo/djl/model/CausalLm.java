package dev.mopo.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.gson.JsonObject;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.CheckpointException;
import dev.mopo.djl.checkpoint.CheckpointWriter;
import dev.mopo.djl.checkpoint.JsonFile;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Hugging Face causal language model loaded into DJL: its config, its {@link CausalLmBlock}
 * with weights on a device, and the entry points callers need — logits for ids, a KV cache for
 * generation, saving back to a folder transformers loads. Owns the parameters; close it to free them.
 *
 * <p>Devices: pass {@code Device.gpu(i)} to load onto a GPU. That needs DJL's CUDA build of the
 * PyTorch natives: put {@code ai.djl.pytorch:pytorch-native-cu<version>} (classifier
 * {@code linux-x86_64}) on the class path instead of {@code pytorch-native-cpu}, or run without
 * {@code -Dai.djl.offline=true} and without the CPU natives so DJL downloads the CUDA ones. Input
 * arrays must live on the model's device.
 */
public final class CausalLm implements AutoCloseable {

    private final ModelConfig config;
    private final JsonObject configJson;
    private final Path source;
    private final CausalLmBlock block;
    private final NDManager manager;
    private final ParameterStore store;

    private CausalLm(ModelConfig config, JsonObject configJson, Path source, CausalLmBlock block, NDManager manager) {
        this.config = config;
        this.configJson = configJson;
        this.source = source;
        this.block = block;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Loads the model in {@code folder} ({@code config.json} + safetensors weights) onto
     * {@code device}, computing in {@code dataType}: FLOAT32, or FLOAT16 for inference. Weights
     * stored in another float type (bf16 included) are converted while loading.
     */
    public static CausalLm load(Path folder, Device device, DataType dataType) throws IOException {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT16) {
            throw new IllegalArgumentException("compute dtype must be FLOAT32 or FLOAT16, got " + dataType);
        }
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException(folder + ": no config.json in the model folder");
        }
        JsonObject json = JsonFile.read(configFile);
        ModelConfig config = ConfigParser.parse(json, configFile);
        CausalLmBlock block = new CausalLmBlock(config);
        NDManager manager = NDManager.newBaseManager(device);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            WeightLoader.load(block, checkpoint, manager, dataType);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
        return new CausalLm(config, json, folder, block, manager);
    }

    /** The parsed config. */
    public ModelConfig config() {
        return config;
    }

    /** The block, for training (its parameters, a forward inside a {@code GradientCollector}). */
    public CausalLmBlock block() {
        return block;
    }

    /** The device holding the weights. */
    public Device device() {
        return manager.getDevice();
    }

    /** The compute type of the weights. */
    public DataType dataType() {
        return block.getParameters().valueAt(0).getArray().getDataType();
    }

    /** The parameter store inference calls use (single device, no copies). */
    public ParameterStore parameterStore() {
        return store;
    }

    /** The number of weights, the tied matrix counted once (= elements of the tensors on disk). */
    public long numParameters() {
        long count = 0;
        for (Parameter parameter : block.getParameters().values()) {
            count += parameter.getShape().size();
        }
        return count;
    }

    /** Inference logits {@code [B, T, V]} for {@code ids [B, T]} without padding. */
    public NDArray logits(NDArray ids) {
        return logits(ids, null);
    }

    /**
     * Inference logits {@code [B, T, V]} for {@code ids [B, T]} with an attention mask
     * {@code [B, T]} (1 = token, 0 = padding; null for none). Logits at padded positions are
     * meaningless. The result is attached to the manager of {@code ids}.
     */
    public NDArray logits(NDArray ids, NDArray attentionMask) {
        return block.forward(store, ids, attentionMask, null, null, false);
    }

    /** Logits for one unpadded sequence, {@code [T][V]} in fp32. */
    public float[][] logits(long[] ids) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray logits = logits(scratch.create(ids).reshape(1, ids.length)).toType(DataType.FLOAT32, false);
            float[] flat = logits.toFloatArray();
            int vocab = config.vocabSize();
            float[][] rows = new float[ids.length][];
            for (int t = 0; t < ids.length; t++) {
                rows[t] = Arrays.copyOfRange(flat, t * vocab, (t + 1) * vocab);
            }
            return rows;
        }
    }

    /** A KV cache for up to {@code capacity} positions, on this model's device. */
    public KvCache newCache(int capacity) {
        return new KvCache(manager, device(), config.numLayers(), capacity);
    }

    /** The weights under their checkpoint names, in declaration order (tied head not repeated). */
    public List<NamedTensor> tensors() {
        List<NamedTensor> tensors = new ArrayList<>();
        for (Parameter parameter : block.getParameters().values()) {
            tensors.add(new NamedTensor(parameter.getName(), parameter.getArray()));
        }
        return tensors;
    }

    /** Saves to {@code folder} in one file or 5 GB shards; see {@link #save(Path, SafetensorsDtype, long)}. */
    public void save(Path folder, SafetensorsDtype storage) throws IOException {
        save(folder, storage, CheckpointWriter.DEFAULT_MAX_SHARD_BYTES);
    }

    /**
     * Saves weights (stored as {@code storage}: F32, F16 or BF16), config.json and the tokenizer
     * files of the folder this model came from, so that transformers loads the result.
     */
    public void save(Path folder, SafetensorsDtype storage, long maxShardBytes) throws IOException {
        new CheckpointWriter(storage, maxShardBytes).write(folder, tensors(), configJson, source);
    }

    /**
     * Saves {@code weights} in place of this model's own — the same names and shapes, such as the
     * fp32 master copy of fp16 weights — with its config.json and tokenizer files, in one file or
     * 5 GB shards.
     */
    public void save(Path folder, SafetensorsDtype storage, List<NamedTensor> weights) throws IOException {
        new CheckpointWriter(storage, CheckpointWriter.DEFAULT_MAX_SHARD_BYTES).write(folder, weights, configJson, source);
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
