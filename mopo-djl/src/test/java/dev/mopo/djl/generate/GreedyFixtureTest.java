package dev.mopo.djl.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Greedy generation equals transformers' {@code generate} token for token on every fixture model
 * ({@code generate_expected.json}: left-padded prompts, 12 new tokens, without eos and with an eos
 * list that stops some rows early).
 */
class GreedyFixtureTest {

    static Stream<String> cases() {
        return Fixtures.cases().stream().filter(name -> Files.exists(expectedFile(name)));
    }

    private static Path expectedFile(String name) {
        return Fixtures.model(name).resolve("generate_expected.json");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void greedyTokensEqualTransformers(String name) throws IOException {
        JsonObject expected = JsonParser.parseString(Files.readString(expectedFile(name), StandardCharsets.UTF_8))
                .getAsJsonObject();
        List<long[]> prompts = rows(expected.getAsJsonArray("prompts"));
        int budget = expected.get("max_new_tokens").getAsInt();
        long pad = expected.get("pad_token_id").getAsLong();
        try (CausalLm model = CausalLm.load(Fixtures.model(name), Device.cpu(), DataType.FLOAT32)) {
            Generator generator = new Generator(model);
            for (JsonElement element : expected.getAsJsonArray("runs")) {
                JsonObject run = element.getAsJsonObject();
                List<Long> eos = new ArrayList<>();
                run.getAsJsonArray("eos_token_ids").forEach(id -> eos.add(id.getAsLong()));
                List<long[]> want = rows(run.getAsJsonArray("new_tokens"));
                List<long[]> got = generator.generate(prompts, GenerationConfig.greedy(budget, eos, pad));
                assertEquals(want.size(), got.size());
                for (int b = 0; b < want.size(); b++) {
                    assertArrayEquals(want.get(b), got.get(b), name + " eos " + eos + " row " + b);
                }
            }
        }
    }

    private static List<long[]> rows(JsonArray array) {
        List<long[]> rows = new ArrayList<>();
        for (JsonElement row : array) {
            rows.add(Fixtures.longs(row.getAsJsonArray()));
        }
        return rows;
    }
}
