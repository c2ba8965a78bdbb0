package dev.mopo.djl.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fp32 master copy of an fp16 policy's weights (mixed precision, apex's O2): the optimiser
 * updates the masters, outside the autograd graph, and each update is written back into the fp16
 * parameter arrays in place, so that the parameters the forward records stay the same objects.
 * Small updates that fp16 would round away accumulate in the masters; checkpoints save them.
 */
public final class MasterWeights {

    private final Map<String, NDArray> masters;
    private final Map<String, NDArray> parameters;

    private MasterWeights(Map<String, NDArray> masters, Map<String, NDArray> parameters) {
        this.masters = masters;
        this.parameters = parameters;
    }

    /**
     * Masters for {@code policy}'s weights, read in fp32 from the model in {@code folder} (the one
     * the policy was loaded from) and held with the policy's weights; reading the folder rather than
     * widening the fp16 weights keeps the fp32 values a checkpoint saved. The policy's weights are
     * then rounded from the masters, as after every update, whatever conversion loading made.
     */
    public static MasterWeights load(Path folder, CausalLm policy) throws IOException {
        Map<String, NDArray> parameters = new LinkedHashMap<>();
        for (NamedTensor tensor : policy.tensors()) {
            parameters.put(tensor.name(), tensor.array());
        }
        NDManager manager = policy.tensors().get(0).array().getManager();
        Map<String, NDArray> masters = new LinkedHashMap<>();
        try (CausalLm model = CausalLm.load(folder, policy.device(), DataType.FLOAT32)) {
            for (NamedTensor tensor : model.tensors()) {
                NDArray master = tensor.array().duplicate();
                master.attach(manager);
                masters.put(tensor.name(), master);
            }
        }
        MasterWeights weights = new MasterWeights(masters, parameters);
        weights.writeBack();
        return weights;
    }

    /** The fp32 arrays the optimiser updates, by parameter name. */
    public Map<String, NDArray> arrays() {
        return masters;
    }

    /** Writes the masters into the parameters, rounding to their type, in place. */
    public void writeBack() {
        masters.forEach((name, master) -> parameters.get(name).set(new NDIndex(":"), master));
    }

    /** The masters under their checkpoint names, for saving the policy in fp32. */
    public List<NamedTensor> tensors() {
        List<NamedTensor> tensors = new ArrayList<>();
        masters.forEach((name, master) -> tensors.add(new NamedTensor(name, master)));
        return tensors;
    }
}
