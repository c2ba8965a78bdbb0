package dev.mopo.datasets.tokenizer;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What mopo needs to know about a {@code tokenizer.json} besides what DJL loads: its added tokens,
 * its unknown token, its largest id, whether its BPE model silently drops characters it has no
 * symbol for, and whether its normalizer and pre-tokenizer keep every character that is not
 * whitespace. Read by streaming past the vocabulary and merges, which can be tens of megabytes.
 */
final class TokenizerJson {

    /** Normalizers that never delete a character other than whitespace. */
    private static final Set<String> SAFE_NORMALIZERS =
            Set.of("NFC", "NFD", "NFKC", "NFKD", "Lowercase", "Prepend", "Strip", "ByteLevel", "Replace");
    /** Pre-tokenizers that never delete a character other than whitespace (unless a behaviour says "Removed"). */
    private static final Set<String> SAFE_PRE_TOKENIZERS = Set.of("ByteLevel", "Metaspace", "Split", "Punctuation",
            "Digits", "UnicodeScripts", "Whitespace", "WhitespaceSplit", "BertPreTokenizer");

    private final Map<String, Long> addedTokens;
    private final String unkToken;
    private final long unkId;
    private final long maxId;
    private final boolean modelDrops;
    private final boolean stepsKeepText;

    private TokenizerJson(Map<String, Long> addedTokens, String unkToken, long unkId, long maxId, boolean modelDrops,
            boolean stepsKeepText) {
        this.addedTokens = addedTokens;
        this.unkToken = unkToken;
        this.unkId = unkId;
        this.maxId = maxId;
        this.modelDrops = modelDrops;
        this.stepsKeepText = stepsKeepText;
    }

    /** Reads the facts from a tokenizer.json text. */
    static TokenizerJson read(Reader in) throws IOException {
        Map<String, Long> added = new HashMap<>();
        JsonElement normalizer = JsonNull.INSTANCE;
        JsonElement preTokenizer = JsonNull.INSTANCE;
        Model model = new Model();
        try (JsonReader reader = new JsonReader(in)) {
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.nextName()) {
                    case "added_tokens":
                        reader.beginArray();
                        while (reader.hasNext()) {
                            JsonObject token = JsonParser.parseReader(reader).getAsJsonObject();
                            added.put(token.get("content").getAsString(), token.get("id").getAsLong());
                        }
                        reader.endArray();
                        break;
                    case "normalizer":
                        normalizer = JsonParser.parseReader(reader);
                        break;
                    case "pre_tokenizer":
                        preTokenizer = JsonParser.parseReader(reader);
                        break;
                    case "model":
                        model.read(reader);
                        break;
                    default:
                        reader.skipValue();
                }
            }
        }
        boolean allBytes = model.byteFallback && model.fallbackPieces.cardinality() == 256
                || (hasType(normalizer, "ByteLevel") || hasType(preTokenizer, "ByteLevel"))
                        && model.byteLevelChars.cardinality() == 256;
        boolean drops = "BPE".equals(model.type) && model.unkToken == null && !allBytes;
        long maxId = model.maxId;
        for (long id : added.values()) {
            maxId = Math.max(maxId, id);
        }
        return new TokenizerJson(Map.copyOf(added), model.unkToken, model.unkId, maxId, drops,
                safe(normalizer, SAFE_NORMALIZERS) && safe(preTokenizer, SAFE_PRE_TOKENIZERS));
    }

    /** {@code added_tokens}: content → id. */
    Map<String, Long> addedTokens() {
        return addedTokens;
    }

    /** The model's unknown token text, or null (BPE and WordPiece name it; see {@link #unkId()} for Unigram). */
    String unkToken() {
        return unkToken;
    }

    /** The Unigram model's {@code unk_id}, or -1. */
    long unkId() {
        return unkId;
    }

    /** The largest id of the vocabulary and the added tokens. */
    long maxId() {
        return maxId;
    }

    /**
     * Whether the model skips, without a trace, a character it has no symbol for: a BPE model
     * without an unknown token whose vocabulary does not hold all 256 bytes (as byte-fallback pieces
     * {@code <0x00>}…{@code <0xFF>}, or as the 256 characters of a byte-level alphabet with a
     * {@code ByteLevel} step), such as a vocabulary of characters.
     */
    boolean modelDrops() {
        return modelDrops;
    }

    /**
     * Whether no normalizer or pre-tokenizer step can delete a character other than whitespace, so
     * that only the model can fail to encode one.
     */
    boolean stepsKeepText() {
        return stepsKeepText;
    }

    private static boolean hasType(JsonElement step, String type) {
        if (!step.isJsonObject()) {
            return false;
        }
        JsonObject object = step.getAsJsonObject();
        if (type.equals(object.has("type") ? object.get("type").getAsString() : "")) {
            return true;
        }
        for (String list : new String[] {"normalizers", "pretokenizers"}) {
            if (object.has(list)) {
                for (JsonElement inner : object.getAsJsonArray(list)) {
                    if (hasType(inner, type)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether a normalizer or pre-tokenizer (or each step of a sequence) can only delete whitespace. */
    private static boolean safe(JsonElement step, Set<String> safeTypes) {
        if (step.isJsonNull()) {
            return true;
        }
        JsonObject object = step.getAsJsonObject();
        String type = object.has("type") ? object.get("type").getAsString() : "";
        if (type.equals("Sequence")) {
            String list = object.has("normalizers") ? "normalizers" : "pretokenizers";
            for (JsonElement inner : object.getAsJsonArray(list)) {
                if (!safe(inner, safeTypes)) {
                    return false;
                }
            }
            return true;
        }
        if (type.equals("Replace") && object.get("content").getAsString().isEmpty()) {
            return false;
        }
        JsonElement behavior = object.get("behavior");
        if (behavior != null && "Removed".equals(behavior.getAsString())) {
            return false;
        }
        return safeTypes.contains(type);
    }

    /** The parts of {@code model} that matter here, read by streaming. */
    private static final class Model {
        private String type;
        private long maxId = -1;
        private String unkToken;
        private long unkId = -1;
        private boolean byteFallback;
        private final BitSet fallbackPieces = new BitSet(256);
        private final BitSet byteLevelChars = new BitSet(256);

        void read(JsonReader reader) throws IOException {
            reader.beginObject();
            while (reader.hasNext()) {
                switch (reader.nextName()) {
                    case "type":
                        type = reader.nextString();
                        break;
                    case "unk_token":
                        unkToken = reader.peek() == JsonToken.NULL ? nullValue(reader) : reader.nextString();
                        break;
                    case "unk_id":
                        if (reader.peek() == JsonToken.NULL) {
                            reader.nextNull();
                        } else {
                            unkId = reader.nextLong();
                        }
                        break;
                    case "byte_fallback":
                        byteFallback = reader.peek() != JsonToken.NULL && reader.nextBoolean();
                        break;
                    case "vocab":
                        readVocab(reader);
                        break;
                    default:
                        reader.skipValue();
                }
            }
            reader.endObject();
        }

        private void readVocab(JsonReader reader) throws IOException {
            if (reader.peek() == JsonToken.BEGIN_OBJECT) {
                reader.beginObject();
                while (reader.hasNext()) {
                    piece(reader.nextName());
                    maxId = Math.max(maxId, reader.nextLong());
                }
                reader.endObject();
            } else {
                reader.beginArray();
                while (reader.hasNext()) {
                    reader.beginArray();
                    piece(reader.nextString());
                    maxId++;
                    while (reader.hasNext()) {
                        reader.skipValue();
                    }
                    reader.endArray();
                }
                reader.endArray();
            }
        }

        private void piece(String piece) {
            if (piece.length() == 6 && piece.startsWith("<0x") && piece.endsWith(">")) {
                try {
                    fallbackPieces.set(Integer.parseInt(piece.substring(3, 5), 16));
                } catch (NumberFormatException e) {
                    // an ordinary piece that merely looks like one
                }
            } else if (piece.length() == 1) {
                int b = ByteLevelAlphabet.byteOf(piece.charAt(0));
                if (b >= 0) {
                    byteLevelChars.set(b);
                }
            }
        }

        private static String nullValue(JsonReader reader) throws IOException {
            reader.nextNull();
            return null;
        }
    }
}
