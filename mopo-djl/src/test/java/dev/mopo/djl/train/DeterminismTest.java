package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mopo.djl.train.config.EstimatorKind;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Run-to-run determinism on the CPU: the same config, seed and thread count trained three times
 * gives the same metrics, every logged number to the last bit, and the same final weights, for each
 * loss family. Wall-clock figures are the only numbers left out.
 */
class DeterminismTest {

    private static final int RUNS = 3;
    private static final int STEPS = 30;
    private static final Set<String> WALL_CLOCK = Set.of("seconds", "tokens_per_second");

    @TempDir
    Path folder;

    /** The loss families: DPO/IPO, the regression with a moving dual, published MOPO, frozen multipliers. */
    @ParameterizedTest
    @EnumSource(value = LossKind.class, names = {"DPO", "IPO", "MOPO_REGRESSION", "MOPO", "MOPO_FIXED"})
    void threeRunsAreIdenticalToTheLastBit(LossKind loss) throws IOException {
        Path corpus = TinyRun.corpus(folder, 48, 17);
        List<List<String>> metrics = new ArrayList<>();
        List<byte[]> weights = new ArrayList<>();
        List<Long> skipped = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path output = folder.resolve("run-" + run);
            TrainConfig config = config(loss, corpus, output);
            Path last;
            try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {})) {
                last = trainer.fit();
            }
            List<JsonNode> records = TinyRun.records(output);
            records.stream().filter(r -> r.path("skipped").asBoolean()).forEach(r -> skipped.add(r.get("step").asLong()));
            metrics.add(numbers(records));
            weights.add(Files.readAllBytes(last.resolve("model.safetensors")));
        }
        assertEquals(List.of(), skipped, loss + ": healthy runs skipped these steps as non-finite");
        for (int run = 1; run < RUNS; run++) {
            List<String> first = metrics.get(0);
            List<String> other = metrics.get(run);
            assertEquals(first.size(), other.size(), loss + ": run " + run + " logged another number of records");
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i), other.get(i), loss + ": record " + (i + 1) + " of run " + run + " differs");
            }
            assertArrayEquals(weights.get(0), weights.get(run), loss + ": run " + run + " ends with other weights");
        }
    }

    private static TrainConfig config(LossKind loss, Path corpus, Path output) {
        TrainConfigBuilder builder = TinyRun.config(corpus, output).loss(loss).maxSteps(STEPS).seed(7)
                .evalInterval(10).saveInterval(STEPS);
        switch (loss) {
            case DPO, IPO -> builder.lossObjective("helpful").thresholds(Map.of());
            case MOPO_REGRESSION -> builder.dualEstimator(EstimatorKind.SNIS).dualInterval(2);
            case MOPO -> builder.dualInterval(2);
            case MOPO_FIXED -> builder.lambdas(Map.of("harmless", 0.5));
            default -> throw new IllegalArgumentException("no determinism config for " + loss);
        }
        return builder.build();
    }

    /**
     * Every record as one line of {@code key=value}, numbers as the hex of their double bits, the
     * wall-clock figures left out.
     */
    private static List<String> numbers(List<JsonNode> records) {
        List<String> lines = new ArrayList<>();
        for (JsonNode record : records) {
            StringBuilder line = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (WALL_CLOCK.contains(field.getKey())) {
                    continue;
                }
                JsonNode value = field.getValue();
                line.append(field.getKey()).append('=')
                        .append(value.isNumber() ? Long.toHexString(Double.doubleToRawLongBits(value.asDouble()))
                                : value.asText())
                        .append(' ');
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
