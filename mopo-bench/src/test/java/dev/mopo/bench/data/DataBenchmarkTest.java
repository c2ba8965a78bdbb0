package dev.mopo.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.template.PkuChatTemplate;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark entry point runs end to end on a fixture (no timing is asserted). */
class DataBenchmarkTest {

    @Test
    void runsThePipelineAndReportsIt() throws Exception {
        Path file = Path.of("..", "mopo-datasets", "src", "test", "resources", "datasets", "pku-safe-rlhf", "good",
                "train.parquet");
        DataBenchmark.Result result = DataBenchmark.run(file, Presets.create("pku-safe-rlhf", Map.of(), file),
                new PkuChatTemplate("</s>"), text -> text.codePoints().toArray(), BatchConfig.builder(0).build());
        assertEquals(16, result.pairs());
        assertEquals(2, result.batches());
        assertTrue(result.tokens() > 0);
        String json = result.toJson(Map.of("encoder", "chars"));
        assertTrue(json.startsWith("{\"side\": \"mopo-datasets\", \"encoder\": \"chars\", \"pairs\": 16,"), json);
    }
}
