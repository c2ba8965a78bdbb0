package dev.mopo.djl.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import dev.mopo.core.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * AdamW (Loshchilov & Hutter), as {@code torch.optim.AdamW}: decoupled weight decay
 * {@code θ ← θ − lr·λ·θ}, then the bias-corrected Adam step, in torch's arrangement
 * ({@code θ −= lr/c₁ · m / (√v/√c₂ + ε)}) and in place where it can be: four temporaries per
 * parameter. Written out rather than taken from
 * DJL so that its moments are visible: a checkpoint saves and restores them, which resuming a run
 * exactly requires. Weight decay applies to the parameters {@code decayed} accepts: for a model,
 * {@link #forModel} exempts biases and normalisation weights as Hugging Face's Trainer does.
 */
public final class AdamW {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Predicate<String> decayed;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long steps;

    /** AdamW with PyTorch's defaults for betas and epsilon, decaying every parameter. */
    public AdamW(double weightDecay) {
        this(0.9, 0.999, 1e-8, weightDecay, name -> true);
    }

    /**
     * AdamW with PyTorch's defaults for betas and epsilon that decays the parameters of
     * {@code block} Hugging Face's Trainer decays ({@link DecayedParameters}).
     */
    public static AdamW forModel(double weightDecay, Block block) {
        Set<String> decayed = DecayedParameters.of(block);
        return new AdamW(0.9, 0.999, 1e-8, weightDecay, decayed::contains);
    }

    /** AdamW with explicit hyper-parameters; {@code decayed} says which parameters, by name, decay. */
    public AdamW(double beta1, double beta2, double epsilon, double weightDecay, Predicate<String> decayed) {
        Checks.halfOpenUnit("adam beta1", beta1);
        Checks.halfOpenUnit("adam beta2", beta2);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = Checks.positive("adam epsilon", epsilon);
        this.weightDecay = Checks.nonNegative("weight_decay", weightDecay);
        this.decayed = decayed;
    }

    /** The number of steps taken. */
    public long steps() {
        return steps;
    }

    /**
     * Updates every parameter in place from its gradient, at learning rate {@code learningRate}.
     * Call outside a gradient collector; moments are created on first use, on the parameter's
     * manager and device.
     */
    public void step(Map<String, NDArray> parameters, Map<String, NDArray> gradients, double learningRate) {
        steps++;
        double correction1 = 1 - Math.pow(beta1, steps);
        double correction2 = 1 - Math.pow(beta2, steps);
        for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
            String name = entry.getKey();
            NDArray weight = entry.getValue();
            NDArray gradient = gradients.get(name);
            if (gradient == null) {
                continue;
            }
            NDArray m = firstMoments.computeIfAbsent(name, k -> persistent(weight.zerosLike()));
            NDArray v = secondMoments.computeIfAbsent(name, k -> persistent(weight.zerosLike()));
            try (NDScope scope = new NDScope()) {
                NDArray g = gradient.toType(weight.getDataType(), false);
                m.muli(beta1).addi(g.mul(1 - beta1));
                v.muli(beta2).addi(g.square().muli(1 - beta2));
                if (weightDecay > 0 && decayed.test(name)) {
                    weight.muli(1 - learningRate * weightDecay);
                }
                NDArray denominator = v.sqrt().divi(Math.sqrt(correction2)).addi(epsilon);
                weight.subi(m.div(denominator).muli(learningRate / correction1));
            }
        }
    }

    /** Keeps an array alive past any {@link NDScope} the caller has open. */
    private static NDArray persistent(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    /** The optimiser state for a checkpoint: moments by {@code m/NAME} and {@code v/NAME}. */
    public NDList state() {
        NDList state = new NDList();
        firstMoments.forEach((name, m) -> {
            m.setName("m/" + name);
            state.add(m);
        });
        secondMoments.forEach((name, v) -> {
            v.setName("v/" + name);
            state.add(v);
        });
        return state;
    }

    /** Restores moments saved by {@link #state()} after {@code steps} steps. */
    public void restore(NDList state, long steps, NDManager manager) {
        firstMoments.clear();
        secondMoments.clear();
        for (NDArray array : state) {
            String name = array.getName();
            NDArray copy = persistent(array.duplicate());
            copy.attach(manager);
            if (name.startsWith("m/")) {
                firstMoments.put(name.substring(2), copy);
            } else if (name.startsWith("v/")) {
                secondMoments.put(name.substring(2), copy);
            } else {
                throw new IllegalArgumentException("optimizer state holds an unknown array '" + name
                        + "'; expected names starting with m/ or v/");
            }
        }
        this.steps = steps;
    }
}
