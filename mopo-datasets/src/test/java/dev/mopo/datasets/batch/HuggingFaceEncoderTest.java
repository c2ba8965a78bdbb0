package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mopo.datasets.Fixtures;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real tokenizer and a checkpoint's own chat template, end to end: the test tokenizer (a
 * 120-token byte-level BPE without the bytes it never saw) from a local folder.
 */
class HuggingFaceEncoderTest {

    @Test
    void tokenisesFixturePairsIntoBatchesAndRefusesWhatItCannotEncode() throws Exception {
        Path folder = Path.of(getClass().getResource("/tokenizer/tokenizer.json").toURI()).getParent();
        try (HfTokenizer tokenizer = HfTokenizer.load(folder)) {
            assertArrayEquals(new long[] {87, 74, 33, 46, 46, 53, 37, 78, 54, 43, 46, 36, 71, 38, 51, 18},
                    tokenizer.encode("How do I reset my router?", false));

            Path data = Fixtures.file("pku-safe-rlhf/good/train.parquet");
            Preset preset = Presets.create("pku-safe-rlhf", Map.of(), data);
            ChatTemplate template = ChatTemplates.named(TemplateChoice.CHECKPOINT, folder, preset.textTemplate());
            assertEquals("<s>user\nhi</s>\n<s>assistant\n", template.render(Prompt.of("hi")));

            BatchConfig config = BatchConfig.builder(0).batchSize(4).maxLength(256).maxPromptLength(128).build();
            int pairs = 0;
            try (BatchStream batches = BatchStream.open(data, preset, ReadOptions.lenient(), BatchStream.all(),
                    template, tokenizer.encoder(), config)) {
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
                long refused = batches.stats().rejected().getOrDefault(RejectReason.UNENCODABLE_TEXT, 0L);
                assertEquals(16, pairs + refused);
                assertEquals(pairs, batches.stats().pairs());
            }
        }
    }
}
