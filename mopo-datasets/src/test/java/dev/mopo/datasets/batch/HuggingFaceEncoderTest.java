package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.datasets.Fixtures;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Real tokenizers and checkpoints' own chat templates, end to end on the PKU-SafeRLHF fixture: a
 * Llama-3-shaped byte-level tokenizer encodes every pair into batches; the test tokenizer (a
 * 120-token byte-level BPE without the bytes it never saw, no capital letters among them) refuses
 * every pair, each with the first character it lacks.
 */
class HuggingFaceEncoderTest {

    private static final Path DATA = Fixtures.file("pku-safe-rlhf/good/train.parquet");
    private static final Preset PRESET = Presets.create("pku-safe-rlhf", Map.of(), DATA);

    @Test
    void tokenisesFixturePairsIntoBatches() throws Exception {
        Path folder = folder("/tokenizers/llama3");
        try (HfTokenizer tokenizer = HfTokenizer.load(folder)) {
            ChatTemplate template = ChatTemplates.named(TemplateChoice.AUTO, folder, PRESET.textTemplate());
            assertTrue(template.conversational());
            BatchConfig config = BatchConfig.builder(0).batchSize(4).maxLength(256).maxPromptLength(128).build();
            int pairs = 0;
            try (BatchStream batches = BatchStream.open(DATA, PRESET, ReadOptions.strictly(), BatchStream.all(),
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
                assertEquals(16, batches.stats().pairs());
            }
            assertEquals(16, pairs);
        }
    }

    @Test
    void aVocabularyWithoutCapitalsRefusesEveryPair() throws Exception {
        Path folder = folder("/tokenizer");
        try (HfTokenizer tokenizer = HfTokenizer.load(folder)) {
            assertArrayEquals(new long[] {87, 74, 33, 46, 46, 53, 37, 78, 54, 43, 46, 36, 71, 38, 51, 18},
                    tokenizer.encode("How do I reset my router?", false));
            ChatTemplate template = ChatTemplates.named(TemplateChoice.CHECKPOINT, folder, PRESET.textTemplate());
            assertEquals("<s>user\nhi</s>\n<s>assistant\n", template.render(Prompt.of("hi")));
            List<Rejection> rejections = new ArrayList<>();
            ReadOptions options = ReadOptions.lenient().withListener(rejections::add);
            try (BatchStream batches = BatchStream.open(DATA, PRESET, options, BatchStream.all(), template,
                    tokenizer.encoder(), BatchConfig.builder(0).build())) {
                assertFalse(batches.hasNext());
                assertEquals(Map.of(RejectReason.UNENCODABLE_TEXT, 16L), batches.stats().rejected());
            }
            assertEquals("the rendered prompt: the tokenizer cannot encode 'H' (U+0048) in "
                    + "\"<s>user\\nHow do I safely dispose of old\"", rejections.get(0).detail());
        }
    }

    private static Path folder(String resource) throws Exception {
        return Path.of(HuggingFaceEncoderTest.class.getResource(resource + "/tokenizer.json").toURI()).getParent();
    }
}
