package dev.mopo.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.Encoded;
import dev.mopo.datasets.batch.TokenEncoder;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.template.PkuChatTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmark entry point runs end to end on a fixture (no timing is asserted). */
class DataBenchmarkTest {

    /** One token per character, no EOS. */
    private static final TokenEncoder CHARS = new TokenEncoder() {
        @Override
        public List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens) {
            return texts.stream().map(text -> Encoded.of(text.codePoints().toArray())).toList();
        }

        @Override
        public Optional<String> eosText() {
            return Optional.empty();
        }
    };

    @Test
    void runsThePipelineAndReportsIt() throws Exception {
        Path file = Path.of("..", "mopo-datasets", "src", "test", "resources", "datasets", "pku-safe-rlhf", "good",
                "train.parquet");
        DataBenchmark.Result result = DataBenchmark.run(file, Presets.create("pku-safe-rlhf", Map.of(), file),
                new PkuChatTemplate("</s>"), CHARS, BatchConfig.builder(0).build());
        assertEquals(16, result.pairs());
        assertEquals(2, result.batches());
        assertTrue(result.tokens() > 0);
        String json = result.toJson(Map.of("encoder", "chars"));
        assertTrue(json.startsWith("{\"side\": \"mopo-datasets\", \"encoder\": \"chars\", \"pairs\": 16,"), json);
    }
}
