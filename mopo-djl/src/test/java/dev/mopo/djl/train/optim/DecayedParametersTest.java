package dev.mopo.djl.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Weight decay spares exactly the parameters Hugging Face's Trainer spares (biases and
 * normalisation weights), for every fixture architecture ({@code src/test/fixtures/make_decay_fixture.py}).
 */
class DecayedParametersTest {

    private static final Path MODELS = Path.of("src", "test", "resources", "models");

    @Test
    void matchesTransformersTrainerOnEveryArchitecture() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(MODELS.resolve("decay_parameters.json").toFile());
        for (Map.Entry<String, JsonNode> model : (Iterable<Map.Entry<String, JsonNode>>) expected::fields) {
            try (CausalLm policy = CausalLm.load(MODELS.resolve(model.getKey()), Device.cpu(), DataType.FLOAT32)) {
                Set<String> exempt = new TreeSet<>();
                model.getValue().get("exempt").forEach(name -> exempt.add(name.asText()));
                Set<String> ours = new TreeSet<>(policy.block().getParameters().keys().stream()
                        .map(key -> policy.block().getParameters().get(key).getName()).toList());
                assertEquals(model.getValue().get("parameters").asInt(), ours.size(), model.getKey());
                ours.removeAll(DecayedParameters.of(policy.block()));
                assertEquals(exempt, ours, model.getKey() + ": parameters without weight decay");
            }
        }
    }
}
