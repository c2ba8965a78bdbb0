package dev.mopo.djl.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.model.CausalLm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The optimiser side of a training step, between backward and the next forward: unscale the
 * gradients (fp16), measure and clip their global norm, step AdamW (on the fp32 masters in fp16,
 * then write them back), clear the gradients. A step whose gradients are not finite leaves every
 * weight and moment untouched.
 */
public final class ParameterUpdate {

    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final NDManager manager;
    private final AdamW optimizer;
    private final double maxGradNorm;
    private final MasterWeights masters;
    private final LossScaler scaler;

    /**
     * Updates of {@code policy}'s parameters (each then records gradients) with {@code optimizer},
     * clipping to {@code maxGradNorm} (0: no clipping); {@code masters} and {@code scaler} for fp16
     * training, else both null.
     */
    public ParameterUpdate(CausalLm policy, AdamW optimizer, double maxGradNorm, MasterWeights masters,
            LossScaler scaler) {
        for (Pair<String, Parameter> entry : policy.block().getParameters()) {
            NDArray array = entry.getValue().getArray();
            array.setRequiresGradient(true);
            parameters.put(entry.getValue().getName(), array);
        }
        this.manager = parameters.values().iterator().next().getManager();
        this.optimizer = optimizer;
        this.maxGradNorm = maxGradNorm;
        this.masters = masters;
        this.scaler = scaler;
    }

    /** The manager of the policy's weights, under which a step's arrays are made. */
    public NDManager manager() {
        return manager;
    }

    /** The loss scaler in fp16 training, else null. */
    public LossScaler scaler() {
        return scaler;
    }

    /** The factor a loss is multiplied by before backward: the loss scale in fp16, else 1. */
    public double lossScale() {
        return scaler == null ? 1 : scaler.scale();
    }

    /**
     * Unscales, clips and steps AdamW at {@code learningRate}; returns the gradient norm before
     * clipping, or NaN (nothing updated) when a gradient is not finite. Clears the gradients.
     */
    public double step(double learningRate) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> gradients = Gradients.of(parameters);
            if (scaler != null) {
                Gradients.scale(gradients, 1 / scaler.scale());
            }
            double norm = Gradients.norm(gradients);
            if (Double.isFinite(norm)) {
                if (maxGradNorm > 0 && norm > maxGradNorm) {
                    Gradients.scale(gradients, maxGradNorm / (norm + 1e-6));
                }
                if (masters == null) {
                    optimizer.step(parameters, gradients, learningRate);
                } else {
                    optimizer.step(masters.arrays(), gradients, learningRate);
                    masters.writeBack();
                }
            }
            clearGradients();
            return Double.isFinite(norm) ? norm : Double.NaN;
        }
    }

    /** Forgets the gradients accumulated so far (a step skipped before its update). */
    public void clearGradients() {
        Gradients.clear(parameters);
    }

    /** The weights a checkpoint saves: the fp32 masters in fp16 training, else the policy's own. */
    public List<NamedTensor> weights(CausalLm policy) {
        return masters == null ? policy.tensors() : masters.tensors();
    }

    /** AdamW's moments, for a checkpoint. */
    public NDList optimizerState() {
        return optimizer.state();
    }

    /** Restores AdamW's moments after {@code steps} updates. */
    public void restore(NDList optimizerState, long steps) {
        optimizer.restore(optimizerState, steps, manager);
    }
}
