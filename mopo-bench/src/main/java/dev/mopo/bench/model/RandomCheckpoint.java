package dev.mopo.bench.model;

import ai.djl.nn.Parameter;
import dev.mopo.djl.checkpoint.CheckpointWriter;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.checkpoint.TensorSource;
import dev.mopo.djl.model.CausalLmBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a randomly initialised bf16 checkpoint of a {@link LlamaShape}, tensor by tensor, each
 * generated while it is written (the model is never in memory). The tensors are the parameters
 * of the model code's own block for the config, under their Hugging Face names, so the loader
 * finds exactly what it expects.
 */
public final class RandomCheckpoint {

    private RandomCheckpoint() {}

    /** Bytes the weights take on disk: two per parameter. */
    public static long weightBytes(LlamaShape shape) {
        return shape.parameters() * SafetensorsDtype.BF16.bytes();
    }

    /**
     * Writes config.json and the weights to {@code folder}, in shards of at most
     * {@code maxShardBytes}; returns the weight files.
     */
    public static List<Path> write(LlamaShape shape, Path folder, long seed, long maxShardBytes) throws IOException {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<TensorSource> tensors = new ArrayList<>();
        for (Parameter parameter : new CausalLmBlock(shape.modelConfig()).getParameters().values()) {
            String name = parameter.getName();
            switch (parameter.getType()) {
                case GAMMA:
                    tensors.add(RandomBf16Tensor.ones(name, parameter.getShape()));
                    break;
                case BETA:
                case BIAS:
                    tensors.add(RandomBf16Tensor.zeros(name, parameter.getShape()));
                    break;
                default:
                    tensors.add(RandomBf16Tensor.random(name, parameter.getShape(), seeds.nextLong()));
            }
        }
        return new CheckpointWriter(SafetensorsDtype.BF16, maxShardBytes)
                .writeSources(folder, tensors, shape.configJson(), null);
    }
}
