package dev.mopo.djl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.generate.GenerationConfig;
import dev.mopo.djl.generate.Generator;
import dev.mopo.djl.logprob.LogProbs;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward passes close their intermediates and hand results to the caller's {@link NDScope}: neither the
 * model's manager nor the caller's accumulates arrays, and loading inside a scope keeps the weights.
 */
class ResourceTest {

    @ParameterizedTest
    @ValueSource(strings = {"float32", "float16"})
    void repeatedCallsLeaveNoArraysBehind(String type) throws IOException {
        DataType dataType = DataType.valueOf(type.toUpperCase(java.util.Locale.ROOT));
        for (String name : List.of("llama-gqa-tied", "gpt-neox-parallel", "opt-post-ln", "gpt2")) {
            CausalLm loaded;
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                loaded = CausalLm.load(Fixtures.model(name), Device.cpu(), dataType);
            }
            try (CausalLm model = loaded; NDManager caller = NDManager.newBaseManager()) {
                BaseNDManager owner = (BaseNDManager) model.block().getParameters().valueAt(0).getArray().getManager();
                int weights = owner.getManagedArrays().size();
                NDArray ids = caller.create(new long[] {4, 8, 15, 16, 23, 42}, new Shape(1, 6));
                NDArray mask = caller.ones(new Shape(1, 6), DataType.INT64);
                for (int i = 0; i < 3; i++) {
                    model.logits(ids, mask).close();
                    try (NDScope scope = new NDScope()) {
                        scope.suppressNotUsedWarning();
                        LogProbs.score(model, ids, mask, mask);
                    }
                    new Generator(model).generate(List.of(new long[] {4, 8}), GenerationConfig.greedy(3, List.of(), 0));
                }
                assertEquals(weights, owner.getManagedArrays().size(), name + ": arrays left on the model's manager");
                int left = ((BaseNDManager) caller).getManagedArrays().size();
                assertEquals(2, left, name + ": only ids and mask remain with the caller");
            }
        }
    }
}
