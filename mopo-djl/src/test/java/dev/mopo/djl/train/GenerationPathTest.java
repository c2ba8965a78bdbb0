package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.PairTokenizer;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.template.RawTextTemplate;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.data.Split;
import dev.mopo.djl.train.data.TrainingData;
import dev.mopo.djl.train.reference.ReferenceLogProbs;
import dev.mopo.djl.train.reference.ReferenceScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What training scores is what generation continues: a data answer's reference log-prob inside a
 * training batch equals its log-prob when the model continues the prompt exactly as generation
 * encodes it (same prompt ids, same response tokens, BOS included where the tokenizer adds one).
 */
class GenerationPathTest {

    @TempDir
    Path folder;

    @Test
    void aDataAnswersReferenceLogProbEqualsItsLogProbAfterTheGenerationPrompt() throws Exception {
        Path corpus = folder.resolve("pairs.jsonl");
        Files.write(corpus, List.of(
                "{\"prompt\": \"how are you?\", \"response_a\": \" fine, thanks.\", \"response_b\": \" go away\","
                        + " \"helpful\": 1, \"harmless\": 1}",
                "{\"prompt\": \"name a colour\", \"response_a\": \" red\", \"response_b\": \" the sky is blue\","
                        + " \"helpful\": -1, \"harmless\": 0}"));
        TrainConfig config = TinyRun.config(corpus, folder.resolve("run")).evalFraction(0).batchSize(2).build();
        try (TrainingData data = TrainingData.open(config);
                CausalLm model = CausalLm.load(TinyRun.MODEL, Device.cpu(), DataType.FLOAT32);
                HfTokenizer tokenizer = HfTokenizer.load(TinyRun.MODEL);
                NDManager manager = NDManager.newBaseManager()) {
            ReferenceLogProbs cached = ReferenceLogProbs.load(folder.resolve("reference.safetensors"), "key", 2,
                    () -> model, () -> data.inOrder(Split.TRAIN), done -> { });
            PairTokenizer generation = new PairTokenizer(RawTextTemplate.INSTANCE, tokenizer.encoder(),
                    config.data().tokenLimits(), rejection -> { });
            try (BatchStream batches = data.inOrder(Split.TRAIN)) {
                TokenBatch batch = batches.next();
                ReferenceScores scores = cached.scores(batch, manager);
                String[] prompts = {"how are you?", "name a colour"};
                for (int pair = 0; pair < 2; pair++) {
                    int[] promptIds = generation.promptIds(Prompt.of(prompts[pair]));
                    int[] row = rowTokens(batch, pair);
                    assertArrayEquals(promptIds, Arrays.copyOf(row, promptIds.length),
                            "training's prompt ids are the ids generation continues");
                    assertTrue(batch.responseMask()[pair * batch.length() + promptIds.length] == 1
                            && batch.responseMask()[pair * batch.length() + promptIds.length - 1] == 0,
                            "the response starts right after the generation prompt");
                    double generated = continuationLogProb(model, row, promptIds.length);
                    assertEquals(generated, scores.sumA().getFloat(pair), 1e-4, "pair " + pair);
                }
            }
        }
    }

    /** Row {@code pair} of the batch (its response a) without padding. */
    private static int[] rowTokens(TokenBatch batch, int pair) {
        int[] ids = new int[batch.length()];
        int length = 0;
        for (int t = 0; t < batch.length(); t++) {
            if (batch.attentionMask()[pair * batch.length() + t] == 1) {
                ids[length++] = batch.inputIds()[pair * batch.length() + t];
            }
        }
        return Arrays.copyOf(ids, length);
    }

    /** Σ log p(ids[t] | ids[<t]) over t ≥ {@code from}, from the logits of the unpadded sequence. */
    private static double continuationLogProb(CausalLm model, int[] ids, int from) {
        float[][] logits = model.logits(Arrays.stream(ids).asLongStream().toArray());
        double total = 0;
        for (int t = from; t < ids.length; t++) {
            float[] row = logits[t - 1];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : row) {
                sum += Math.exp(v - max);
            }
            total += row[ids[t]] - max - Math.log(sum);
        }
        return total;
    }
}
