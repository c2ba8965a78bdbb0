package dev.mopo.datasets.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The tokenizer transformers 5 actually runs for {@code tokenizer_class} {@code LlamaTokenizer} or
 * {@code LlamaTokenizerFast} (Llama 2, Mistral, Zephyr…), as a rewrite of {@code tokenizer.json}.
 *
 * <p>transformers 5 keeps only the vocabulary, the merges and the post-processor of the file and
 * rebuilds the rest ({@code transformers/tokenization_utils_tokenizers.py:104-160},
 * {@code transformers/models/llama/tokenization_llama.py:101-133}): no normalizer; the
 * pre-tokenizer {@code Metaspace("▁", prepend_scheme, split=false)} with {@code prepend_scheme}
 * {@code "first"}, or {@code "always"} when {@code legacy} is true, or {@code "never"} when
 * {@code add_prefix_space} is false ({@code tokenization_utils_base.py:3657-3664}; {@code legacy}
 * defaults to false and {@code add_prefix_space} to true); the decoder
 * {@code Replace("▁", " ") + ByteFallback + Fuse}, then {@code Strip(" ", 1, 0)} when
 * {@code add_prefix_space}; a BPE model with byte fallback, {@code fuse_unk} and no unknown
 * token. The file's own legacy normalizer ({@code Prepend("▁") + Replace(" ", "▁")}) instead
 * prepends {@code ▁} to every text segment, also after a special token and before a leading
 * space, which shifts every id after {@code <s>} in a Mistral chat render.
 *
 * <p>GPT2Tokenizer and Qwen2Tokenizer also rebuild their backend, but for GPT-2- and Qwen2-shaped
 * files the result tokenises as the file does (only Qwen2's offsets trimming differs), so those
 * files are used as they are.
 */
final class LlamaBackend {

    private LlamaBackend() {}

    /** Whether transformers 5 rebuilds this tokenizer as a LlamaTokenizer. */
    static boolean applies(JsonObject tokenizerConfig) {
        JsonElement name = tokenizerConfig.get("tokenizer_class");
        return name != null && name.isJsonPrimitive()
                && ("LlamaTokenizer".equals(name.getAsString()) || "LlamaTokenizerFast".equals(name.getAsString()));
    }

    /**
     * The tokenizer.json text rewritten as transformers 5 builds it.
     *
     * @throws IllegalArgumentException when the file's model is not BPE, which LlamaTokenizer requires
     */
    static String rebuild(String tokenizerJson, JsonObject tokenizerConfig) {
        JsonObject root = JsonParser.parseString(tokenizerJson).getAsJsonObject();
        JsonObject model = root.getAsJsonObject("model");
        if (model == null || !"BPE".equals(model.get("type").getAsString())) {
            throw new IllegalArgumentException("tokenizer_class LlamaTokenizer needs a BPE model in tokenizer.json,"
                    + " got " + (model == null ? "none" : model.get("type")));
        }
        boolean legacy = flag(tokenizerConfig, "legacy", false);
        boolean addPrefixSpace = flag(tokenizerConfig, "add_prefix_space", true);
        model.add("dropout", JsonNull.INSTANCE);
        model.add("unk_token", JsonNull.INSTANCE);
        model.add("continuing_subword_prefix", JsonNull.INSTANCE);
        model.add("end_of_word_suffix", JsonNull.INSTANCE);
        model.addProperty("fuse_unk", true);
        model.addProperty("byte_fallback", true);
        model.addProperty("ignore_merges", false);
        root.add("normalizer", JsonNull.INSTANCE);
        JsonObject metaspace = new JsonObject();
        metaspace.addProperty("type", "Metaspace");
        metaspace.addProperty("replacement", "▁");
        metaspace.addProperty("prepend_scheme", addPrefixSpace ? legacy ? "always" : "first" : "never");
        metaspace.addProperty("split", false);
        root.add("pre_tokenizer", metaspace);
        root.add("decoder", decoder(addPrefixSpace));
        return root.toString();
    }

    private static JsonObject decoder(boolean addPrefixSpace) {
        JsonArray steps = new JsonArray();
        JsonObject replace = step("Replace");
        JsonObject pattern = new JsonObject();
        pattern.addProperty("String", "▁");
        replace.add("pattern", pattern);
        replace.addProperty("content", " ");
        steps.add(replace);
        steps.add(step("ByteFallback"));
        steps.add(step("Fuse"));
        if (addPrefixSpace) {
            JsonObject strip = step("Strip");
            strip.addProperty("content", " ");
            strip.addProperty("start", 1);
            strip.addProperty("stop", 0);
            steps.add(strip);
        }
        JsonObject sequence = step("Sequence");
        sequence.add("decoders", steps);
        return sequence;
    }

    private static JsonObject step(String type) {
        JsonObject step = new JsonObject();
        step.addProperty("type", type);
        return step;
    }

    /** A boolean setting of tokenizer_config.json; absent or null means the default. */
    private static boolean flag(JsonObject config, String key, boolean otherwise) {
        JsonElement value = config.get(key);
        return value == null || value.isJsonNull() ? otherwise : value.getAsBoolean();
    }
}
