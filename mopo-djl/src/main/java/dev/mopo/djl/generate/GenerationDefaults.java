package dev.mopo.djl.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.djl.model.SpecialTokenIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A checkpoint's generation settings, read as transformers' {@code GenerationConfig} reads them:
 * {@code generation_config.json} when the folder has one (its {@code eos_token_id} an id or a
 * list of ids, {@code pad_token_id}, {@code do_sample}, {@code temperature}, {@code top_p},
 * {@code top_k}, {@code max_new_tokens}), else the ids of {@code config.json} and transformers'
 * defaults (greedy; top-k 50, temperature 1 and top-p 1 when sampling). Generation stops at any of
 * {@link #eosTokenIds()} — so the first Llama-3-Instruct release, whose tokenizer names
 * {@code <|end_of_text|>} but whose generation config lists {@code <|eot_id|>} too, stops at the
 * end of its turn.
 *
 * @param eosTokenIds the ids generation stops after
 * @param padTokenId the pad id, if any (transformers pads with the first eos id otherwise)
 * @param doSample whether to sample; false for greedy decoding
 * @param temperature the softmax temperature when sampling
 * @param topP the nucleus mass when sampling (1: off)
 * @param topK the most likely tokens sampled from (0: off)
 * @param maxNewTokens the token budget, when the file sets one
 */
public record GenerationDefaults(List<Long> eosTokenIds, OptionalLong padTokenId, boolean doSample, double temperature,
        double topP, int topK, OptionalLong maxNewTokens) {

    /** transformers' default {@code top_k}. */
    public static final int DEFAULT_TOP_K = 50;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the eos list. */
    public GenerationDefaults {
        eosTokenIds = List.copyOf(eosTokenIds);
    }

    /** The settings of the checkpoint in {@code folder}, whose {@code config.json} declared {@code configIds}. */
    public static GenerationDefaults read(Path folder, SpecialTokenIds configIds) throws IOException {
        Path file = folder.resolve("generation_config.json");
        if (!Files.isRegularFile(file)) {
            return new GenerationDefaults(configIds.eos(), configIds.pad(), false, 1, 1, DEFAULT_TOP_K, OptionalLong.empty());
        }
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + ")", e);
        }
        List<Long> eos = json.has("eos_token_id") ? ids(json.get("eos_token_id"), file) : configIds.eos();
        OptionalLong pad = json.path("pad_token_id").isIntegralNumber()
                ? OptionalLong.of(json.get("pad_token_id").asLong()) : configIds.pad();
        OptionalLong budget = json.path("max_new_tokens").isIntegralNumber()
                ? OptionalLong.of(json.get("max_new_tokens").asLong()) : OptionalLong.empty();
        return new GenerationDefaults(eos, pad, json.path("do_sample").asBoolean(false),
                json.path("temperature").asDouble(1), json.path("top_p").asDouble(1),
                json.path("top_k").asInt(DEFAULT_TOP_K), budget);
    }

    private static List<Long> ids(JsonNode value, Path file) {
        List<Long> ids = new ArrayList<>();
        if (value.isIntegralNumber()) {
            ids.add(value.asLong());
        } else if (value.isArray()) {
            for (JsonNode id : value) {
                if (!id.isIntegralNumber()) {
                    throw new IllegalArgumentException(file + ": eos_token_id must be an id or a list of ids, got " + value);
                }
                ids.add(id.asLong());
            }
        } else if (!value.isNull()) {
            throw new IllegalArgumentException(file + ": eos_token_id must be an id or a list of ids, got " + value);
        }
        return ids;
    }

    /** The pad id generation uses: the configured one, else the first eos id, else 0. */
    public long padOrEos() {
        return padTokenId.orElse(eosTokenIds.isEmpty() ? 0 : eosTokenIds.get(0));
    }

    /** Greedy or sampled decoding as these settings say, with {@code maxNewTokens} new tokens and {@code seed}. */
    public GenerationConfig config(int maxNewTokens, long seed) {
        return doSample
                ? new GenerationConfig(maxNewTokens, temperature, topP, topK, seed, eosTokenIds, padOrEos())
                : GenerationConfig.greedy(maxNewTokens, eosTokenIds, padOrEos());
    }
}
