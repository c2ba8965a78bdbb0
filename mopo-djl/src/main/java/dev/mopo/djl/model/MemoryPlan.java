package dev.mopo.djl.model;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;

/**
 * What a model needs in memory, from its config alone (nothing is allocated): the parameter
 * count, and bytes for weights, gradients, AdamW moments and activations.
 *
 * <p>Training keeps fp32 master weights: when computing in fp16 the plan adds an fp32 copy of
 * the weights; gradients are in the compute type; AdamW keeps two fp32 moments per weight.
 *
 * <p>Activations saved for backward, per token of a batch of {@code B} sequences of {@code T}
 * tokens, are estimated as
 * <pre>
 *   L · [ (6E + (4H + 3KV)·D + m·I) · b  +  3·H·T · 4 ]  +  V · (b + 8)
 * </pre>
 * with {@code m = 4} for a gated MLP (gate, up, activation, product) and 2 otherwise, {@code b}
 * the compute type's bytes, and {@code H·T} fp32 attention scores/probabilities per query (the
 * quadratic term of composed attention); the last term is the logits, their fp32 copy and
 * log-softmax. Multiply by {@code B·T}. It is an estimate of the composed implementation here,
 * not a measurement; allocator overhead and temporaries come on top.
 *
 * @param config the model
 * @param parameters the number of weights (tied matrix once)
 * @param computeType FLOAT32 or FLOAT16
 */
public record MemoryPlan(ModelConfig config, long parameters, DataType computeType) {

    /** The plan for {@code config} computing in {@code computeType}. */
    public static MemoryPlan of(ModelConfig config, DataType computeType) {
        long count = 0;
        for (Parameter parameter : new CausalLmBlock(config).getParameters().values()) {
            count += parameter.getShape().size();
        }
        return new MemoryPlan(config, count, computeType);
    }

    /** Weights in the compute type. */
    public long weightBytes() {
        return parameters * computeType.getNumOfBytes();
    }

    /** The fp32 master copy training in fp16 needs (0 in fp32). */
    public long masterWeightBytes() {
        return computeType == DataType.FLOAT32 ? 0 : parameters * 4;
    }

    /** One gradient per weight, in the compute type. */
    public long gradientBytes() {
        return parameters * computeType.getNumOfBytes();
    }

    /** AdamW's first and second moments, fp32. */
    public long optimizerBytes() {
        return parameters * 8;
    }

    /** Estimated activations saved for backward for {@code batch} sequences of {@code tokens} (formula above). */
    public long activationBytes(int batch, int tokens) {
        long b = computeType.getNumOfBytes();
        long e = config.hiddenSize();
        long d = config.headDim();
        long mlp = (config.gatedMlp() ? 4L : 2L) * config.intermediateSize();
        long perLayer = (6 * e + (4L * config.numHeads() + 3L * config.numKvHeads()) * d + mlp) * b
                + 3L * config.numHeads() * tokens * 4;
        long perToken = config.numLayers() * perLayer + (long) config.vocabSize() * (b + 8);
        return (long) batch * tokens * perToken;
    }

    /** Everything a training step holds: weights, master copy, gradients, moments and activations. */
    public long trainingBytes(int batch, int tokens) {
        return weightBytes() + masterWeightBytes() + gradientBytes() + optimizerBytes() + activationBytes(batch, tokens);
    }
}
