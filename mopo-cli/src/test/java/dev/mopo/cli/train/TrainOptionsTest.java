package dev.mopo.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mopo.core.batch.LogProbReduction;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.LrSchedule;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Option;

/** The flags and YAML keys cover every setting of TrainConfig, and a printed config reads back to the same config. */
class TrainOptionsTest {

    @TempDir
    Path folder;

    @Test
    void everySettingHasOneFlagAndOneKey() {
        TreeSet<String> keys = new TreeSet<>();
        FlatSettings.of(sample()).fieldNames().forEachRemaining(keys::add);
        TreeSet<String> flags = new TreeSet<>();
        for (Field field : TrainOptions.class.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                String flag = option.names()[0];
                assertEquals("--" + snakeToKebab(snake(field.getName())), flag, "flag of " + field.getName());
                flags.add(snake(field.getName()));
            }
        }
        assertEquals(keys, flags);
    }

    @Test
    void aPrintedConfigReadsBackToTheSameConfig() throws Exception {
        TrainConfig config = sample();
        Path yaml = folder.resolve("printed.yaml");
        Files.writeString(yaml, FlatSettings.yaml(config));
        TrainConfigBuilder builder = TrainConfig.builder();
        SettingsFile.read(yaml).applyTo(builder);
        assertEquals(config, builder.build());
    }

    private TrainConfig sample() {
        return TrainConfig.builder().model(folder.resolve("model")).datasetPreset("generic")
                .datasetPath(folder.resolve("pairs.jsonl")).datasetOptions(Map.of("objectives", "helpful,harmless"))
                .objectives(List.of("helpful", "harmless")).loss(LossKind.MOPO_FIXED).tau(0.05)
                .lambdas(Map.of("harmless", 2.0)).thresholds(Map.of("harmless", 0.6)).logpReduction(LogProbReduction.MEAN)
                .lrSchedule(LrSchedule.LINEAR).maxLength(300).maxPromptLength(100).saveTotalLimit(3)
                .output(folder.resolve("out")).build();
    }

    private static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static String snakeToKebab(String snake) {
        return snake.replace('_', '-');
    }
}
