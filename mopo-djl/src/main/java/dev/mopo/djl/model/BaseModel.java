package dev.mopo.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.mopo.djl.checkpoint.Checkpoint;
import java.io.IOException;
import java.util.Set;

/**
 * The base model of a Hugging Face checkpoint — the decoder without an LM head, as transformers'
 * {@code LlamaModel}, {@code GPT2Model}, {@code GPTNeoXModel} and OPT's decoder are — with its
 * weights on a device, for the final hidden states that another head reads (the {@code score} of a
 * {@code *ForSequenceClassification} checkpoint, Safe-RLHF's {@code score_head}). Inference only.
 * Owns the weights; close it to free them.
 */
public final class BaseModel implements AutoCloseable {

    private final ModelConfig config;
    private final CausalLmBlock block;
    private final NDManager manager;
    private final ParameterStore store;

    private BaseModel(ModelConfig config, CausalLmBlock block, NDManager manager) {
        this.config = config;
        this.block = block;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Loads the base-model tensors of {@code checkpoint} (with or without the base prefix such as
     * {@code model.}, as transformers accepts) onto {@code device}, computing in {@code dataType}
     * (FLOAT32, or FLOAT16 for inference).
     *
     * @param headTensors the checkpoint's other tensors, which the caller reads itself: they are
     *     not reported as unused
     * @throws dev.mopo.djl.checkpoint.CheckpointException when a tensor is missing or has the wrong shape
     */
    public static BaseModel load(Checkpoint checkpoint, ModelConfig config, Device device, DataType dataType,
            Set<String> headTensors) throws IOException {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT16) {
            throw new IllegalArgumentException("compute dtype must be FLOAT32 or FLOAT16, got " + dataType);
        }
        CausalLmBlock block = new CausalLmBlock(config, false);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            WeightLoader.load(block, checkpoint, manager, dataType, headTensors);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
        return new BaseModel(config, block, manager);
    }

    /** The parsed config. */
    public ModelConfig config() {
        return config;
    }

    /** The device holding the weights. */
    public Device device() {
        return manager.getDevice();
    }

    /** The number of weights loaded (elements of the base-model tensors). */
    public long numParameters() {
        long count = 0;
        for (Parameter parameter : block.getParameters().values()) {
            count += parameter.getShape().size();
        }
        return count;
    }

    /**
     * The final hidden states {@code [B, T, W]} (W = {@link ModelConfig#wordEmbedDim()}, see
     * {@link CausalLmBlock#hiddenStates}) in the compute type, for {@code ids [B, T]} on this
     * model's device with an attention mask {@code [B, T]} (1 = token, 0 = padding; null for none)
     * and the architecture's default position ids. Attached to the manager of {@code ids}.
     */
    public NDArray hiddenStates(NDArray ids, NDArray attentionMask) {
        return block.hiddenStates(store, ids, attentionMask, null, null, false);
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
