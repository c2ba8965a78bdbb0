package dev.mopo.bench.toy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The tokenizer of the demo and the training benchmark: one token per character of an alphabet plus {@code <pad>}, {@code <s>}
 * and {@code </s>}, written as the Hugging Face files a checkpoint folder carries
 * ({@code tokenizer.json}: a BPE model without merges and a fusing decoder, so it needs no
 * training and no download).
 */
public final class CharacterTokenizer {

    static final String PAD = "<pad>";
    static final String BOS = "<s>";
    static final String EOS = "</s>";
    private static final String[] SPECIAL = {PAD, BOS, EOS};

    private CharacterTokenizer() {}

    /** The vocabulary size for {@code alphabet}. */
    public static int vocabularySize(String alphabet) {
        return SPECIAL.length + alphabet.length();
    }

    /**
     * Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json into {@code folder};
     * {@code modelMaxLength} is the longest sequence the tokenizer's config declares.
     */
    public static void write(Path folder, String alphabet, int modelMaxLength) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode vocab = json.createObjectNode();
        ArrayNode added = json.createArrayNode();
        for (int id = 0; id < SPECIAL.length; id++) {
            vocab.put(SPECIAL[id], id);
            added.addObject().put("id", id).put("content", SPECIAL[id]).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        for (int i = 0; i < alphabet.length(); i++) {
            vocab.put(String.valueOf(alphabet.charAt(i)), SPECIAL.length + i);
        }
        ObjectNode tokenizer = json.createObjectNode();
        tokenizer.put("version", "1.0");
        tokenizer.putNull("truncation");
        tokenizer.putNull("padding");
        tokenizer.set("added_tokens", added);
        tokenizer.putNull("normalizer");
        tokenizer.putNull("pre_tokenizer");
        tokenizer.putNull("post_processor");
        tokenizer.putObject("decoder").put("type", "Fuse");
        ObjectNode model = tokenizer.putObject("model");
        model.put("type", "BPE").putNull("dropout").putNull("unk_token").putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", false).put("byte_fallback", false)
                .put("ignore_merges", false);
        model.set("vocab", vocab);
        model.putArray("merges");
        AtomicFiles.writeString(folder.resolve("tokenizer.json"), json.writeValueAsString(tokenizer));
        ObjectNode special = json.createObjectNode().put("bos_token", BOS).put("eos_token", EOS).put("pad_token", PAD);
        AtomicFiles.writeString(folder.resolve("special_tokens_map.json"), json.writeValueAsString(special));
        ObjectNode config = special.deepCopy().put("tokenizer_class", "PreTrainedTokenizerFast")
                .put("model_max_length", modelMaxLength);
        AtomicFiles.writeString(folder.resolve("tokenizer_config.json"), json.writeValueAsString(config));
    }
}
