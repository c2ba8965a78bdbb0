package dev.mopo.djl.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Strict reading and pretty writing of the small JSON files beside the weights (configs, indexes):
 * malformed JSON is a {@link CheckpointException} naming the file.
 */
public final class JsonFile {

    private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private JsonFile() {}

    /** Reads a file holding one JSON object. */
    public static JsonObject read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonReader reader = new JsonReader(in);
            reader.setStrictness(Strictness.STRICT);
            JsonElement element;
            try {
                element = ELEMENT.read(reader);
                if (reader.peek() != JsonToken.END_DOCUMENT) {
                    throw new CheckpointException(file + ": content after the JSON object");
                }
            } catch (MalformedJsonException | EOFException | JsonParseException | IllegalStateException e) {
                throw new CheckpointException(file + ": not well-formed JSON: " + SafetensorsHeader.firstLine(e.getMessage()));
            } catch (CharacterCodingException e) {
                throw new CheckpointException(file + ": not UTF-8 text, so not JSON (is it the file you meant?)");
            }
            if (!element.isJsonObject()) {
                throw new CheckpointException(file + ": expected a JSON object, got " + element);
            }
            return element.getAsJsonObject();
        }
    }

    /** A required object-valued member. */
    public static JsonObject object(JsonObject json, String key, Path file) {
        JsonElement value = json.get(key);
        if (value == null || !value.isJsonObject()) {
            throw new CheckpointException(file + ": '" + key + "' must be an object, got " + value);
        }
        return value.getAsJsonObject();
    }

    /** Indented JSON text with a trailing newline, as transformers writes it. */
    public static String pretty(JsonElement json) {
        return PRETTY.toJson(json) + "\n";
    }
}
