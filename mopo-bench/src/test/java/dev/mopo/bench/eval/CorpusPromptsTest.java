package dev.mopo.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.bench.Fixtures;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.data.TrainingData;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corpus's prompts are split as training splits its pairs. */
class CorpusPromptsTest {

    @TempDir
    Path dir;

    @Test
    void theEvalSplitHoldsThePromptsOfThePairsTrainingHoldsOut() throws Exception {
        Path corpus = Fixtures.corpus(dir.resolve("pairs.jsonl"), 60, 5);
        TrainConfig config = TrainConfig.builder().model(Fixtures.POLICY).datasetPreset("generic").datasetPath(corpus)
                .datasetOptions(Map.of("objectives", "helpful,harmless")).chatTemplate(TemplateChoice.NONE)
                .evalFraction(0.3).seed(9).output(dir.resolve("out")).build();
        CorpusPrompts heldOut = CorpusPrompts.heldOut(config);
        List<Prompt> eval = heldOut.read(0);
        List<Prompt> train = new CorpusPrompts(heldOut.preset(), heldOut.path(), heldOut.options(), PromptSplit.TRAIN,
                0.3, 9).read(0);
        try (TrainingData data = TrainingData.open(config)) {
            assertEquals(data.survey().evalPairs(), eval.size());
            assertEquals(data.survey().trainPairs(), train.size());
        }
        Set<String> all = new HashSet<>();
        eval.forEach(p -> all.add(p.text()));
        train.forEach(p -> assertTrue(all.add(p.text()), "a prompt in both splits"));
        assertEquals(60, all.size());
        assertEquals(2, heldOut.read(2).size());
        assertEquals(TemplateChoice.PLAIN, heldOut.textTemplate());
    }
}
