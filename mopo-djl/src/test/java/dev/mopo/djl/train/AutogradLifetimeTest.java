package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.loss.DpoLoss;
import dev.mopo.core.loss.PreferenceLoss;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.SequenceLogProbs;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gradients must not depend on when the garbage collector runs. Every array autograd keeps for
 * backward must live in engine memory: a constant in a Java buffer that the collector frees
 * between forward and backward (DJL's {@code mul(Number)} and kin, see {@code Scalars}) makes
 * backward read freed memory. Here a full collection runs between forward and backward, and the
 * gradients must equal those of an undisturbed pass, to the bit.
 */
class AutogradLifetimeTest {

    private static final Path MODELS = Path.of("src", "test", "resources", "models");

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa-tied", "gpt2", "gpt-neox-parallel", "opt-pre-ln"})
    void gradientsDoNotDependOnGarbageCollection(String model) throws Exception {
        double[] undisturbed = gradients(model, false);
        double[] collected = gradients(model, true);
        assertTrue(undisturbed.length > 0);
        assertArrayEquals(undisturbed, collected, 0, "a collection between forward and backward changed the gradients");
    }

    /** The flattened gradients of a DPO loss on two pairs, scaled as gradient accumulation and fp16 do. */
    private static double[] gradients(String model, boolean collectBeforeBackward) throws IOException,
            InterruptedException {
        try (CausalLm policy = CausalLm.load(MODELS.resolve(model), Device.cpu(), DataType.FLOAT32);
                NDManager manager = NDManager.newBaseManager();
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<NDArray> parameters = new ArrayList<>();
            for (Pair<String, Parameter> entry : policy.block().getParameters()) {
                NDArray array = entry.getValue().getArray();
                array.setRequiresGradient(true);
                parameters.add(array);
            }
            NDArray ids = manager.create(new long[][] {{1, 5, 9, 4, 7, 0}, {1, 5, 3, 8, 2, 6}, {1, 5, 9, 6, 0, 0},
                {1, 5, 3, 2, 4, 0}});
            NDArray attention = manager.create(new int[][] {{1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0},
                {1, 1, 1, 1, 1, 0}});
            NDArray response = manager.create(new int[][] {{0, 0, 1, 1, 1, 0}, {0, 0, 1, 1, 1, 1}, {0, 0, 1, 1, 0, 0},
                {0, 0, 1, 1, 1, 0}});
            PreferenceLoss loss = new DpoLoss(ObjectiveSet.of(List.of("helpful")), 0, 0.1, LogProbReduction.SUM, 0.1);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                SequenceLogProbs scored = LogProbs.score(policy.block(), policy.parameterStore(), ids, attention,
                        response, true);
                PreferenceBatch batch = PreferenceBatch.builder()
                        .policy(scored.sum().get(":2"), scored.sum().get("2:"))
                        .reference(manager.zeros(new ai.djl.ndarray.types.Shape(2)),
                                manager.zeros(new ai.djl.ndarray.types.Shape(2)))
                        .outcomes(manager.create(new float[][] {{1}, {-1}}))
                        .build();
                NDArray value = Trainer.scaledForBackward(loss.compute(batch).loss(), 2, 1024.0);
                if (collectBeforeBackward) {
                    System.gc();
                    Thread.sleep(200);
                }
                collector.backward(value);
            }
            List<Double> flat = new ArrayList<>();
            for (NDArray parameter : parameters) {
                for (double g : parameter.getGradient().toType(DataType.FLOAT64, false).toDoubleArray()) {
                    flat.add(g);
                }
            }
            return flat.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
