package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.logprob.LogProbs;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forward pass is differentiable with DJL autograd: every weight gets a correct gradient. */
class TrainingTest {

    private static final long[] IDS = {5, 17, 33, 8, 21, 40, 12, 9, 30, 44};
    private static final long[] RESPONSE = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};

    @ParameterizedTest
    @ValueSource(strings = {"llama-gqa-tied", "gpt-neox-parallel", "opt-post-ln", "gpt2"})
    void gradientsReachEveryWeightAndADescentStepLowersTheLoss(String name) throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32);
                NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(IDS, new Shape(1, IDS.length));
            NDArray response = manager.create(RESPONSE, new Shape(1, IDS.length));
            float before;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = negativeLogLikelihood(model, ids, response, true);
                before = loss.getFloat();
                collector.backward(loss);
            }
            for (Parameter parameter : model.block().getParameters().values()) {
                NDArray gradient = parameter.getArray().getGradient();
                float norm = gradient.abs().sum().getFloat();
                assertTrue(Float.isFinite(norm) && norm > 0, name + ": no gradient for " + parameter.getName());
            }
            for (Parameter parameter : model.block().getParameters().values()) {
                parameter.getArray().subi(parameter.getArray().getGradient().mul(0.01f));
            }
            float after = negativeLogLikelihood(model, ids, response, false).getFloat();
            assertTrue(after < before, name + ": loss " + before + " -> " + after);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() throws IOException {
        try (CausalLm model = CausalLm.load(Fixtures.model("qwen2"), Device.cpu(), DataType.FLOAT32);
                NDManager manager = NDManager.newBaseManager()) {
            NDArray ids = manager.create(IDS, new Shape(1, IDS.length));
            NDArray response = manager.create(RESPONSE, new Shape(1, IDS.length));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(negativeLogLikelihood(model, ids, response, true));
            }
            for (String name : new String[] {"model.layers.0.self_attn.k_proj.bias", "model.layers.1.mlp.up_proj.weight",
                    "model.embed_tokens.weight"}) {
                NDArray weight = parameter(model, name).getArray();
                NDIndex index = weight.getShape().dimension() == 1 ? new NDIndex("3") : new NDIndex("17, 5");
                float analytic = weight.getGradient().get(index).getFloat();
                float h = 1e-2f;
                float original = weight.get(index).getFloat();
                weight.set(index, original + h);
                float up = negativeLogLikelihood(model, ids, response, false).getFloat();
                weight.set(index, original - h);
                float down = negativeLogLikelihood(model, ids, response, false).getFloat();
                weight.set(index, original);
                float numeric = (up - down) / (2 * h);
                assertEquals(numeric, analytic, 2e-3 + 0.02 * Math.abs(numeric), name);
            }
        }
    }

    private static NDArray negativeLogLikelihood(CausalLm model, NDArray ids, NDArray response, boolean training) {
        return LogProbs.score(model.block(), model.parameterStore(), ids, null, response, training).sum().neg().sum();
    }

    private static Parameter parameter(CausalLm model, String name) {
        for (Parameter parameter : model.block().getParameters().values()) {
            if (parameter.getName().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name);
    }
}
