package dev.mopo.djl.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.djl.model.SpecialTokenIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generation_config.json read as transformers reads it. */
class GenerationDefaultsTest {

    private static final SpecialTokenIds CONFIG_IDS = new SpecialTokenIds(OptionalLong.of(1), List.of(2L), OptionalLong.empty());

    @TempDir
    Path folder;

    @Test
    void aListOfEosIdsStopsAtEachOfThem() throws Exception {
        // The first Llama-3-Instruct release: the tokenizer's eos is <|end_of_text|>, the generation config adds <|eot_id|>.
        Files.writeString(folder.resolve("generation_config.json"),
                "{\"bos_token_id\": 128000, \"eos_token_id\": [128001, 128009], \"do_sample\": true,"
                        + " \"temperature\": 0.6, \"top_p\": 0.9}");
        GenerationDefaults defaults = GenerationDefaults.read(folder, CONFIG_IDS);
        assertEquals(List.of(128001L, 128009L), defaults.eosTokenIds());
        assertTrue(defaults.doSample());
        assertEquals(0.6, defaults.temperature());
        assertEquals(0.9, defaults.topP());
        assertEquals(GenerationDefaults.DEFAULT_TOP_K, defaults.topK());
        assertEquals(128001L, defaults.padOrEos());
        GenerationConfig sampling = defaults.config(32, 7);
        assertEquals(List.of(128001L, 128009L), sampling.eosTokenIds());
        assertEquals(50, sampling.topK());
    }

    @Test
    void aSingleIdAndAPadAreRead() throws Exception {
        Files.writeString(folder.resolve("generation_config.json"), "{\"eos_token_id\": 7, \"pad_token_id\": 0,"
                + " \"max_new_tokens\": 12}");
        GenerationDefaults defaults = GenerationDefaults.read(folder, CONFIG_IDS);
        assertEquals(List.of(7L), defaults.eosTokenIds());
        assertEquals(0L, defaults.padOrEos());
        assertFalse(defaults.doSample());
        assertEquals(OptionalLong.of(12), defaults.maxNewTokens());
        assertTrue(defaults.config(5, 0).isGreedy());
    }

    @Test
    void withoutAFileTheModelConfigsIdsApply() throws Exception {
        GenerationDefaults defaults = GenerationDefaults.read(folder, CONFIG_IDS);
        assertEquals(List.of(2L), defaults.eosTokenIds());
        assertFalse(defaults.doSample());
    }

    @Test
    void aMalformedEosIsOneClearError() throws Exception {
        Files.writeString(folder.resolve("generation_config.json"), "{\"eos_token_id\": \"</s>\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GenerationDefaults.read(folder, CONFIG_IDS));
        assertTrue(e.getMessage().contains("generation_config.json") && e.getMessage().contains("eos_token_id"),
                e.getMessage());
    }
}
