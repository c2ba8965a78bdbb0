package dev.mopo.djl.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.datasets.tokenizer.SpecialToken;
import dev.mopo.djl.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mopo-datasets tokenizer wrapper against the transformers tokenizer outputs recorded in the
 * {@code llama-gqa-tied} fixture (the fixtures live in this module).
 */
class TokenizerFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"tokenizer", "llama-gqa-tied"})
    void encodesAndDecodesAsTransformers(String folder) throws IOException {
        JsonObject expected = Fixtures.expected("llama-gqa-tied");
        try (HfTokenizer tokenizer = HfTokenizer.load(Fixtures.model(folder))) {
            for (JsonElement element : expected.getAsJsonArray("tokenize")) {
                JsonObject entry = element.getAsJsonObject();
                String text = entry.get("text").getAsString();
                long[] plain = Fixtures.longs(entry.getAsJsonArray("ids_no_special"));
                assertArrayEquals(Fixtures.longs(entry.getAsJsonArray("ids")), tokenizer.encode(text), text);
                assertArrayEquals(plain, tokenizer.encode(text, false), text);
                String[] tokens = new String[entry.getAsJsonArray("tokens").size()];
                for (int i = 0; i < tokens.length; i++) {
                    tokens[i] = entry.getAsJsonArray("tokens").get(i).getAsString();
                }
                assertArrayEquals(tokens, tokenizer.tokens(text, true), text);
                assertEquals(text, tokenizer.decode(plain, false));
            }
            JsonObject chat = expected.getAsJsonObject("chat");
            long[] chatIds = Fixtures.longs(chat.getAsJsonArray("ids"));
            assertArrayEquals(chatIds, tokenizer.encode(chat.get("rendered").getAsString(), false));
            assertEquals(chat.get("rendered").getAsString(), tokenizer.decode(chatIds, false));
            assertEquals(new SpecialToken("<s>", 1), tokenizer.specialTokens().bos().orElseThrow());
            assertEquals(new SpecialToken("</s>", 2), tokenizer.specialTokens().eos().orElseThrow());
            assertEquals(new SpecialToken("<pad>", 0), tokenizer.specialTokens().pad().orElseThrow());
            assertTrue(tokenizer.chatTemplate().orElseThrow().contains("add_generation_prompt"));
        }
    }

    @Test
    void specialTokensFallBackToConfigIds(@TempDir Path dir) throws IOException {
        Path source = Fixtures.model("llama-gqa-tied");
        Files.copy(source.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.copy(source.resolve("config.json"), dir.resolve("config.json"));
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            assertEquals(new SpecialToken("<s>", 1), tokenizer.specialTokens().bos().orElseThrow());
            assertEquals(new SpecialToken("</s>", 2), tokenizer.specialTokens().eos().orElseThrow());
            assertEquals(new SpecialToken("<pad>", 0), tokenizer.specialTokens().pad().orElseThrow());
            assertTrue(tokenizer.chatTemplate().isEmpty());
        }
    }

    @Test
    void folderWithoutTokenizerJsonIsRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(dir));
        assertTrue(e.getMessage().contains("tokenizer.json"), e.getMessage());
    }
}
