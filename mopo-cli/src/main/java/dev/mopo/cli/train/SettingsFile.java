package dev.mopo.cli.train;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.mopo.cli.Suggestions;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A YAML file of training settings: {@code snake_case} keys, one per {@link TrainOptions} field
 * ({@code beta} accepted for {@code tau}). An unknown key, or a value of the wrong type, is an error
 * naming the file and the key (with the closest known key); relative paths are resolved against the
 * file's folder.
 */
public final class SettingsFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING);

    private SettingsFile() {}

    /**
     * A builder holding the settings of the {@code mopo train} YAML file {@code file}, as {@code mopo train --config}
     * reads it: for sweeps, whose runs all start from one such file.
     */
    public static TrainConfig.Builder builder(Path file) throws IOException {
        TrainConfig.Builder builder = TrainConfig.builder();
        read(file).applyTo(builder);
        return builder;
    }

    /** The settings of {@code file}. */
    static TrainOptions read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        TrainOptions options;
        try {
            options = YAML.readValue(file.toFile(), TrainOptions.class);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            e.getKnownPropertyIds().forEach(id -> known.add(id.toString()));
            throw new IllegalArgumentException(file + ": unknown setting '" + e.getPropertyName() + "'"
                    + Suggestions.didYouMean(e.getPropertyName(), known) + "; `mopo train --help` lists the settings", e);
        } catch (InvalidFormatException e) {
            throw new IllegalArgumentException(file + ": setting '" + key(e) + "' cannot take the value '" + e.getValue()
                    + "'" + expected(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(file + ": setting '" + key(e) + "' has the wrong shape ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        if (options == null) {
            return new TrainOptions();
        }
        options.resolvePaths(file.toAbsolutePath().getParent());
        return options;
    }

    private static String key(JsonMappingException e) {
        return e.getPath().stream().map(reference -> reference.getFieldName() == null
                ? "[" + reference.getIndex() + "]" : reference.getFieldName()).collect(Collectors.joining("."));
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            List<String> keys = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                keys.add(constant.toString());
            }
            return " (expected one of " + String.join(", ", keys) + ")";
        }
        return " (expected " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
