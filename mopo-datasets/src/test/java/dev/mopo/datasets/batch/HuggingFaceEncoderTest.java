package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.mopo.datasets.Fixtures;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.TemplateChoice;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real tokenizer plugs in through a method reference, and a checkpoint's own chat template
 * renders prompts: the test tokenizer (a 120-token byte-level BPE) from a local folder.
 */
class HuggingFaceEncoderTest {

    @Test
    void tokenisesFixturePairsIntoBatches() throws Exception {
        Path folder = Path.of(getClass().getResource("/tokenizer/tokenizer.json").toURI()).getParent();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                .optTokenizerPath(folder.resolve("tokenizer.json"))
                .optAddSpecialTokens(false)
                .build()) {
            TokenEncoder encoder = text -> Arrays.stream(tokenizer.encode(text).getIds()).mapToInt(Math::toIntExact).toArray();
            assertArrayEquals(new int[] {87, 74, 33, 46, 46, 53, 37, 78, 54, 43, 46, 36, 71, 38, 51, 18},
                    encoder.encode("How do I reset my router?"));

            ChatTemplate template = ChatTemplates.named(TemplateChoice.CHECKPOINT, folder);
            assertEquals("<s>user\nhi</s>\n<s>assistant\n", template.render(Prompt.of("hi")));

            Path data = Fixtures.file("pku-safe-rlhf/good/train.parquet");
            BatchConfig config = BatchConfig.builder(0).batchSize(4).eosId(2).maxLength(256).maxPromptLength(128).build();
            int pairs = 0;
            try (BatchStream batches = BatchStream.open(data, Presets.create("pku-safe-rlhf", Map.of(), data),
                    ReadOptions.lenient(), BatchStream.all(), template, encoder, config)) {
                while (batches.hasNext()) {
                    TokenBatch batch = batches.next();
                    assertEquals(2, batch.numObjectives());
                    pairs += batch.size();
                    int row0 = 0;
                    for (int j = 0; j < batch.length(); j++) {
                        row0 += batch.responseMask()[j];
                    }
                    assertEquals(batch.responseTokens()[0], row0);
                }
                assertEquals(16, batches.stats().pairs());
            }
            assertEquals(16, pairs);
        }
    }
}
