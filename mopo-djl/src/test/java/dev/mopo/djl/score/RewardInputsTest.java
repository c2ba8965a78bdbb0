package dev.mopo.djl.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.checkpoint.JsonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text a reward model reads, against transformers 5.18 on the fixture tokenizer ({@code llama-gqa-tied}):
 * {@code tok.apply_chat_template([{"role": "user", "content": p}, {"role": "assistant", "content": r}],
 * tokenize=True)["input_ids"]} with its chat template, {@code tok(p + r)["input_ids"]} without one.
 */
class RewardInputsTest {

    private static final String PROMPT = "is the sky blue?";
    private static final String RESPONSE = "yes, it is.";

    @Test
    void theChatTemplateFormatsAUserAndAnAssistantTurn() throws IOException {
        try (RewardInputs inputs = RewardInputs.load(Fixtures.model("llama-gqa-tied"))) {
            assertTrue(inputs.usesChatTemplate());
            assertArrayEquals(new long[] {1, 39, 37, 51, 45, 65, 50, 58, 29, 43, 63, 30, 39, 23, 18, 2, 45, 1, 118, 37, 65,
                38, 19, 79, 45, 43, 57, 4, 46, 69, 90, 5, 2, 45}, inputs.encode(PROMPT, RESPONSE));
        }
    }

    @Test
    void withoutATemplatePromptAndResponseAreJoinedWithSpecialTokens(@TempDir Path dir) throws IOException {
        Path folder = Fixtures.copy("llama-gqa-tied", dir.resolve("model"));
        JsonObject config = JsonFile.read(folder.resolve("tokenizer_config.json"));
        config.remove("chat_template");
        Files.writeString(folder.resolve("tokenizer_config.json"), JsonFile.pretty(config));
        try (RewardInputs inputs = RewardInputs.load(folder)) {
            assertFalse(inputs.usesChatTemplate());
            assertArrayEquals(new long[] {1, 65, 50, 58, 29, 43, 63, 30, 39, 23, 18, 46, 43, 57, 4, 46, 69, 90, 5},
                    inputs.encode(PROMPT, " " + RESPONSE));
        }
    }
}
