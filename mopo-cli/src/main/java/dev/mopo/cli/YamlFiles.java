package dev.mopo.cli;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The YAML files of the command line ({@code mopo train --config}, sweep files), read one way:
 * {@code snake_case} keys onto the fields of a class, enums by their keys, and every error one line
 * naming the file and the key — an unknown key with the closest known one, a value of the wrong
 * type with what was expected.
 */
public final class YamlFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING);

    private YamlFiles() {}

    /**
     * The content of {@code file} as a {@code type}, or null when the file holds nothing.
     *
     * @param noun what the file's keys are called in messages ("setting", "key")
     * @param help where the keys are described, ending the unknown-key message
     * @throws NoSuchFileException when {@code file} is not a file
     * @throws IllegalArgumentException one line naming the file and the key at fault
     */
    public static <T> T read(Path file, Class<T> type, String noun, String help) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        try {
            return YAML.readValue(file.toFile(), type);
        } catch (UnrecognizedPropertyException e) {
            List<String> known = new ArrayList<>();
            e.getKnownPropertyIds().forEach(id -> known.add(id.toString()));
            throw new IllegalArgumentException(file + ": unknown " + noun + " '" + path(e) + "'"
                    + Suggestions.didYouMean(e.getPropertyName(), known) + "; " + help, e);
        } catch (InvalidFormatException e) {
            throw new IllegalArgumentException(file + ": " + noun + " '" + path(e) + "' cannot take the value '"
                    + e.getValue() + "'" + expected(e.getTargetType()), e);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(file + ": " + noun + " '" + path(e) + "' has the wrong shape ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
    }

    /** The key at fault as the file writes it: {@code evaluation.scorers[1]}. */
    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(reference -> reference.getFieldName() == null
                ? "[" + reference.getIndex() + "]" : "." + reference.getFieldName()).collect(Collectors.joining())
                .replaceFirst("^\\.", "").replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            List<String> keys = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                keys.add(constant.toString());
            }
            return " (expected one of " + String.join(", ", keys) + ")";
        }
        return " (expected " + type.getSimpleName().toLowerCase(Locale.ROOT) + ")";
    }
}
