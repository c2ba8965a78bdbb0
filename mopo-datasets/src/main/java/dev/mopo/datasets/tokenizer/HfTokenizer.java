package dev.mopo.datasets.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mopo.datasets.batch.TokenEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Hugging Face fast tokenizer read from a local model folder ({@code tokenizer.json}, never
 * downloaded) through DJL's bindings, tokenising as transformers 5 does, with the folder's
 * special tokens: their text from {@code tokenizer_config.json}, else
 * {@code special_tokens_map.json}, else the ids in {@code config.json}; their ids from the
 * tokenizer's vocabulary. Whether encoding adds special tokens (for example a leading {@code <s>})
 * is decided by {@code tokenizer.json}'s post-processor, as in transformers.
 *
 * <p>For {@code tokenizer_class} {@code LlamaTokenizer} (Llama 2, Mistral, Zephyr) transformers 5
 * does not use the file's normalizer and pre-tokenizer; the file is rewritten as it rebuilds them
 * first ({@link LlamaBackend}), so that the ids are transformers 5's. Other classes use the file as
 * it is, except that a BPE model that would silently skip characters it lacks gets an unknown token
 * of its own ({@link UnknownSentinel}) so that {@link #encoder()} can say which character it was.
 */
public final class HfTokenizer implements AutoCloseable {

    private static final String[] ROLES = {"bos", "eos", "pad"};
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");

    private final HuggingFaceTokenizer tokenizer;
    private final SpecialTokens specialTokens;
    private final String chatTemplate;
    private final long unkId;
    private final long sentinelId;
    private final boolean stepsKeepText;

    private HfTokenizer(HuggingFaceTokenizer tokenizer, SpecialTokens specialTokens, String chatTemplate, long unkId,
            long sentinelId, boolean stepsKeepText) {
        this.tokenizer = tokenizer;
        this.specialTokens = specialTokens;
        this.chatTemplate = chatTemplate;
        this.unkId = unkId;
        this.sentinelId = sentinelId;
        this.stepsKeepText = stepsKeepText;
    }

    /**
     * Loads the tokenizer of a model folder.
     *
     * @throws IllegalArgumentException when the folder has no tokenizer.json, or a special token
     *     is not one token of it
     */
    public static HfTokenizer load(Path folder) throws IOException {
        Path file = folder.resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + ": no tokenizer.json (only fast tokenizers are supported)");
        }
        JsonObject tokenizerConfig = readObject(folder.resolve("tokenizer_config.json"));
        String text;
        TokenizerJson facts;
        long sentinelId = -1;
        HuggingFaceTokenizer tokenizer;
        try {
            text = LlamaBackend.applies(tokenizerConfig)
                    ? LlamaBackend.rebuild(Files.readString(file, StandardCharsets.UTF_8), tokenizerConfig) : null;
            try (Reader in = text != null ? new StringReader(text)
                    : Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                facts = TokenizerJson.read(in);
            }
            if (facts.modelDrops()) {
                sentinelId = facts.maxId() + 1;
                String original = text != null ? text : Files.readString(file, StandardCharsets.UTF_8);
                text = UnknownSentinel.add(original, sentinelId);
            }
            tokenizer = text != null
                    ? HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                            OPTIONS)
                    : HuggingFaceTokenizer.builder()
                            .optTokenizerPath(file)
                            .optAddSpecialTokens(true)
                            .optTruncation(false)
                            .optPadding(false)
                            .build();
        } catch (RuntimeException | IOException e) {
            throw new IllegalArgumentException(file + ": not a tokenizer.json the tokenizers library can read ("
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); copy it again from the"
                    + " model's repository", e);
        }
        try {
            JsonObject specialMap = readObject(folder.resolve("special_tokens_map.json"));
            JsonObject modelConfig = readObject(folder.resolve("config.json"));
            Map<String, Long> addedTokens = facts.addedTokens();
            Map<Long, String> addedById = new HashMap<>();
            addedTokens.forEach((content, id) -> addedById.put(id, content));
            List<Optional<SpecialToken>> tokens = new ArrayList<>();
            for (String role : ROLES) {
                Optional<String> content = tokenText(tokenizerConfig, role).or(() -> tokenText(specialMap, role));
                Optional<SpecialToken> token = content.isPresent()
                        ? byText(tokenizer, addedTokens, content.get(), folder)
                        : byId(tokenizer, addedById, modelConfig, role);
                tokens.add(token);
            }
            long unkId = sentinelId >= 0 ? sentinelId : facts.unkId() >= 0 ? facts.unkId()
                    : facts.unkToken() == null ? -1 : byText(tokenizer, addedTokens, facts.unkToken(), folder)
                            .orElseThrow().id();
            return new HfTokenizer(tokenizer, new SpecialTokens(tokens.get(0), tokens.get(1), tokens.get(2)),
                    chatTemplate(folder, tokenizerConfig), unkId, sentinelId, facts.stepsKeepText());
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Ids of {@code text}, with the special tokens the tokenizer adds by default. */
    public long[] encode(String text) {
        return encode(text, true);
    }

    /**
     * Ids of {@code text}, adding special tokens or not; a character the tokenizer has no token for
     * is left out, as transformers leaves it out.
     */
    public long[] encode(String text, boolean addSpecialTokens) {
        long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
        return sentinelId < 0 ? ids : Arrays.stream(ids).filter(id -> id != sentinelId).toArray();
    }

    /**
     * A {@link TokenEncoder} over this tokenizer for {@link dev.mopo.datasets.batch.PairTokenizer}:
     * special tokens added or not per call, the end-of-sequence token's text, and, per text, the
     * first character that is not whitespace and became the unknown token or was deleted by a
     * normalizer or pre-tokenizer step. Ids are read back alone; the tokens' character spans are read
     * only for a text holding the unknown token, or for every text when a step of this tokenizer can
     * delete characters. Valid while this tokenizer is open.
     */
    public TokenEncoder encoder() {
        return new HfEncoder(tokenizer, specialTokens.eos().map(SpecialToken::text), unkId, sentinelId, stepsKeepText);
    }

    /** The tokens of {@link #encode} as strings (byte-level tokens as the vocabulary spells them). */
    public String[] tokens(String text, boolean addSpecialTokens) {
        String[] tokens = tokenizer.encode(text, addSpecialTokens, false).getTokens();
        return sentinelId < 0 ? tokens
                : Arrays.stream(tokens).filter(token -> !UnknownSentinel.TEXT.equals(token)).toArray(String[]::new);
    }

    /** The text of {@code ids}, optionally without special tokens. */
    public String decode(long[] ids, boolean skipSpecialTokens) {
        return tokenizer.decode(ids, skipSpecialTokens);
    }

    /** The bos/eos/pad tokens. */
    public SpecialTokens specialTokens() {
        return specialTokens;
    }

    /** The Jinja chat template ({@code tokenizer_config.json} or {@code chat_template.jinja}), if any. */
    public Optional<String> chatTemplate() {
        return Optional.ofNullable(chatTemplate);
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }

    private static Optional<String> tokenText(JsonObject json, String role) {
        JsonElement value = json.get(role + "_token");
        if (value == null || value.isJsonNull()) {
            return Optional.empty();
        }
        if (value.isJsonObject()) {
            JsonElement content = value.getAsJsonObject().get("content");
            return content == null || content.isJsonNull() ? Optional.empty() : Optional.of(content.getAsString());
        }
        return Optional.of(value.getAsString());
    }

    private static Optional<SpecialToken> byText(HuggingFaceTokenizer tokenizer, Map<String, Long> added, String text,
            Path folder) {
        Long id = added.get(text);
        if (id != null) {
            return Optional.of(new SpecialToken(text, id));
        }
        long[] ids = tokenizer.encode(text, false, false).getIds();
        if (ids.length != 1) {
            throw new IllegalArgumentException(folder + ": special token '" + text + "' is not a single token of "
                    + "tokenizer.json (encodes to " + ids.length + " ids)");
        }
        return Optional.of(new SpecialToken(text, ids[0]));
    }

    private static Optional<SpecialToken> byId(HuggingFaceTokenizer tokenizer, Map<Long, String> added,
            JsonObject modelConfig, String role) {
        JsonElement value = modelConfig.get(role + "_token_id");
        if (value != null && value.isJsonArray() && value.getAsJsonArray().size() > 0) {
            value = value.getAsJsonArray().get(0);
        }
        if (value == null || !value.isJsonPrimitive()) {
            return Optional.empty();
        }
        long id = value.getAsLong();
        String text = added.getOrDefault(id, tokenizer.decode(new long[] {id}, false));
        return Optional.of(new SpecialToken(text, id));
    }

    private static String chatTemplate(Path folder, JsonObject tokenizerConfig) throws IOException {
        Path jinja = folder.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            return Files.readString(jinja, StandardCharsets.UTF_8);
        }
        JsonElement value = tokenizerConfig.get("chat_template");
        if (value == null || value.isJsonNull()) {
            return null;
        }
        if (value.isJsonArray()) {
            for (JsonElement named : value.getAsJsonArray()) {
                JsonObject entry = named.getAsJsonObject();
                if ("default".equals(entry.get("name").getAsString())) {
                    return entry.get("template").getAsString();
                }
            }
            return null;
        }
        return value.getAsString();
    }

    private static JsonObject readObject(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new JsonObject();
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement json = JsonParser.parseReader(in);
            if (!json.isJsonObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object");
            }
            return json.getAsJsonObject();
        }
    }
}
