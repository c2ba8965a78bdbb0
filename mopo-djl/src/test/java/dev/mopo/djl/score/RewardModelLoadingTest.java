package dev.mopo.djl.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.mopo.djl.Fixtures;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.JsonFile;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.checkpoint.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels, Safe-RLHF's config layouts and bias, batches without a pad id, and the loader's one-line errors. */
class RewardModelLoadingTest {

    private static JsonObject batch(String name, String side) {
        return RewardFixtures.expected(name).getAsJsonObject("batches").getAsJsonObject(side);
    }

    private static float[][] scores(RewardModel model, JsonObject batch) {
        return model.scores(RewardFixtures.longRows(batch.getAsJsonArray("input_ids")),
                RewardFixtures.longRows(batch.getAsJsonArray("attention_mask")));
    }

    @Test
    void labelsByNameOrIndexPickTheirColumn() throws IOException {
        JsonObject expected = RewardFixtures.expected("qwen2");
        try (RewardModel model = RewardModel.load(RewardFixtures.model("qwen2"), Device.cpu())) {
            assertEquals(List.of("harmful", "harmless"), model.labels().names());
            int harmless = model.labels().index("harmless");
            assertEquals(expected.getAsJsonObject("label_index").get("harmless").getAsInt(), harmless);
            assertEquals(0, model.labels().index("harmful"));
            assertEquals(1, model.labels().index("1"));
            float[][] got = scores(model, batch("qwen2", "right_padded"));
            float[][] want = RewardFixtures.floatRows(batch("qwen2", "right_padded").getAsJsonArray("logits"));
            for (int b = 0; b < want.length; b++) {
                assertEquals(want[b][harmless], got[b][harmless], 1e-4);
                assertTrue(Math.abs(want[b][harmless] - want[b][1 - harmless]) > 1e-3, "the labels' columns differ");
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.labels().index("2"));
            assertTrue(e.getMessage().contains("labels: 0 harmful, 1 harmless"), e.getMessage());
        }
    }

    @Test
    void oneLabelModelsUseTheDefaultName() throws IOException {
        try (RewardModel model = RewardModel.load(RewardFixtures.model("llama"), Device.cpu())) {
            assertEquals(List.of("LABEL_0"), model.labels().names());
            assertEquals(ScoreFormat.SEQUENCE_CLASSIFICATION, model.head().format());
        }
    }

    @Test
    void safeRlhfAddsItsBiasAndReadsTheLegacyConfig(@TempDir Path dir) throws IOException {
        JsonObject right = batch("safe-rlhf-score", "right_padded");
        float[][] want = RewardFixtures.floatRows(right.getAsJsonArray("logits"));
        Path legacy = RewardFixtures.copy("safe-rlhf-score", dir.resolve("legacy"));
        Files.copy(legacy.resolve("config_v4_legacy.json"), legacy.resolve("config.json"),
                StandardCopyOption.REPLACE_EXISTING);
        for (Path folder : List.of(RewardFixtures.model("safe-rlhf-score"), legacy)) {
            try (RewardModel model = RewardModel.load(folder, Device.cpu())) {
                assertEquals(ScoreFormat.SAFE_RLHF, model.head().format());
                assertTrue(model.head().hasBias());
                assertEquals(List.of("LABEL_0"), model.labels().names());
                float[][] got = scores(model, right);
                assertTrue(RewardModelTest.maxDiff(got, want) <= 1e-4, folder + ": " + RewardModelTest.maxDiff(got, want));
            }
        }
    }

    @Test
    void aClassifierWithoutPadIdScoresOneSequenceAtATime(@TempDir Path dir) throws IOException {
        Path folder = withConfig("gpt2", dir, config -> config.remove("pad_token_id"));
        JsonObject right = batch("gpt2", "right_padded");
        long[][] ids = RewardFixtures.longRows(right.getAsJsonArray("input_ids"));
        long[][] mask = RewardFixtures.longRows(right.getAsJsonArray("attention_mask"));
        List<long[]> rows = RewardModelTest.unpadded(ids, mask);
        try (RewardModel model = RewardModel.load(folder, Device.cpu())) {
            assertFalse(model.padTokenId().isPresent());
            IllegalArgumentException batched = assertThrows(IllegalArgumentException.class, () -> model.scores(ids, mask));
            assertTrue(batched.getMessage().contains("no pad_token_id"), batched.getMessage());
            IllegalArgumentException listed = assertThrows(IllegalArgumentException.class, () -> model.scores(rows, 2));
            assertTrue(listed.getMessage().contains("use a batch size of 1"), listed.getMessage());
            float[][] alone = model.scores(rows, 1);
            assertTrue(RewardModelTest.maxDiff(alone,
                    RewardFixtures.floatRows(right.getAsJsonArray("single_logits"))) <= 1e-4);
        }
    }

    @Test
    void idsOutsideTheVocabularyAreRefused() throws IOException {
        try (RewardModel model = RewardModel.load(RewardFixtures.model("llama"), Device.cpu())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> model.scores(List.of(new long[] {5, 128}), 1));
            assertEquals("token id 128 is outside the vocabulary [0, 128)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> model.scores(List.of(new long[0]), 1));
        }
    }

    @Test
    void aFolderWithoutWeightsOrConfigIsOneLine(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("config-only"));
        Files.copy(RewardFixtures.model("llama").resolve("config.json"), folder.resolve("config.json"));
        assertMessage(folder, "no model.safetensors or model.safetensors.index.json in the folder");
        assertMessage(dir.resolve("empty"), "no config.json in the model folder");
    }

    @Test
    void anUnsupportedArchitectureListsTheSupportedOnes(@TempDir Path dir) throws IOException {
        Path folder = withConfig("llama", dir, config -> config.addProperty("model_type", "bert"));
        assertMessage(folder, "model_type 'bert' is not supported (supported: llama, mistral, qwen2, gpt_neox, opt, gpt2)");
    }

    @Test
    void aCausalLmIsNotARewardModel() {
        assertMessage(Fixtures.model("llama-mha"), "no reward head: expected tensor 'score.weight'");
    }

    @Test
    void unexpectedOrMissingHeadTensorsAreNamed(@TempDir Path dir) throws IOException {
        Path noBias = withConfig("safe-rlhf-score", dir.resolve("a"), config -> config.addProperty("bias", false));
        assertMessage(noBias, "unexpected tensor 'score_head.bias': config.json says bias: false");

        Path classifier = RewardFixtures.copy("gpt2", dir.resolve("b"));
        addTensor(classifier, "score.bias", 1);
        assertMessage(classifier, "unexpected tensor 'score.bias': transformers' *ForSequenceClassification heads have"
                + " no bias");

        Path labels = withConfig("qwen2", dir.resolve("c"), config -> {
            JsonObject id2label = config.getAsJsonObject("id2label");
            id2label.addProperty("2", "unsure");
        });
        assertMessage(labels, "config.json declares 3 labels (0 harmful, 1 harmless, 2 unsure) but 'score.weight' has 2"
                + " rows");

        Path normalised = withConfig("safe-rlhf-score", dir.resolve("d"),
                config -> config.addProperty("do_normalize", true));
        assertMessage(normalised, "do_normalize: true is not supported");
    }

    private static void assertMessage(Path folder, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RewardModel.load(folder, Device.cpu()).close());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    private static Path withConfig(String name, Path dir, Consumer<JsonObject> change) throws IOException {
        Path folder = RewardFixtures.copy(name, dir.resolve(name));
        JsonObject config = JsonFile.read(folder.resolve("config.json"));
        change.accept(config);
        Files.writeString(folder.resolve("config.json"), JsonFile.pretty(config));
        return folder;
    }

    /** Rewrites the folder's model.safetensors with one more fp32 tensor of zeros. */
    private static void addTensor(Path folder, String name, int size) throws IOException {
        Path file = folder.resolve(Checkpoint.SINGLE_FILE);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                Checkpoint checkpoint = Checkpoint.open(folder)) {
            List<NamedTensor> tensors = new ArrayList<>();
            for (String tensor : checkpoint.names()) {
                tensors.add(new NamedTensor(tensor, checkpoint.read(tensor, manager, DataType.FLOAT32)));
            }
            tensors.add(new NamedTensor(name, manager.zeros(new Shape(size))));
            Path written = folder.resolve("rewritten.safetensors");
            SafetensorsWriter.write(written, tensors, SafetensorsDtype.F32);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
