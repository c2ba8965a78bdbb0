package dev.mopo.datasets.tokenizer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * An unknown token added to a BPE model that has none, so that a character it has no symbol for
 * shows up as a token instead of vanishing ({@link TokenizerJson#modelDrops()}). The tokenizers
 * library skips such a character, and the offsets of the symbols after it in the same word shift
 * back by its length, so neither the ids nor the offsets would say which character was lost.
 * With this unknown token it keeps its place and its offsets. The ids of every text without such a
 * character are unchanged; {@link HfTokenizer#encode} removes the token again, so that its ids stay
 * transformers'.
 */
final class UnknownSentinel {

    /** The token's text; it is in no real vocabulary. */
    static final String TEXT = "<mopo:unencodable>";

    private UnknownSentinel() {}

    /** The tokenizer.json text with the token added to the vocabulary as {@code id}, as the model's unknown token. */
    static String add(String tokenizerJson, long id) {
        JsonObject root = JsonParser.parseString(tokenizerJson).getAsJsonObject();
        JsonObject model = root.getAsJsonObject("model");
        model.getAsJsonObject("vocab").addProperty(TEXT, id);
        model.addProperty("unk_token", TEXT);
        return root.toString();
    }
}
