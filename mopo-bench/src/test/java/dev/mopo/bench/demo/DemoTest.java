package dev.mopo.bench.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.bench.toy.CharacterTokenizer;
import dev.mopo.datasets.batch.PairTokenizer;
import dev.mopo.datasets.batch.TokenLimits;
import dev.mopo.datasets.batch.TokenizedPair;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.template.RawTextTemplate;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.bench.score.ScoreRequest;
import dev.mopo.bench.score.Scorer;
import dev.mopo.bench.score.ScorerException;
import dev.mopo.bench.sweep.SweepListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's whole pipeline at a reduced size produces its report. */
class DemoTest {

    @TempDir
    Path out;

    @Test
    void reducedDemoSweepsScoresAndChecksEveryPoint() throws Exception {
        Path summary = new Demo(DemoConfig.REDUCED, out, line -> { }).run(new SweepListener() {});
        String markdown = Files.readString(summary);
        for (String policy : new String[] {"base", "mopo-concise0.55", "mopo-concise0.65", "dpo",
            "dpo-ls-concise0.5-correct0.5"}) {
            assertTrue(markdown.contains("| " + policy + " |"), "demo.md lacks " + policy + ":\n" + markdown);
        }
        assertEquals(8, markdown.lines().filter(line -> line.startsWith("- PASS") || line.startsWith("- MISS")).count(),
                "four checks per MOPO point:\n" + markdown);
        JsonNode results = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(List.of("correct", "concise"), List.of(results.get("objectives").get(0).asText(),
                results.get("objectives").get(1).asText()));
        assertEquals(5, results.get("policies").size(), "the base model and four runs");
        assertTrue(Files.readString(out.resolve("report.html")).contains("<svg"), "vector plots in the report");

        long trained = Files.getLastModifiedTime(out.resolve("runs").resolve("dpo-seed7").resolve("metrics.jsonl"))
                .toMillis();
        new Demo(DemoConfig.REDUCED, out, line -> { }).run(new SweepListener() {});
        assertEquals(trained, Files.getLastModifiedTime(out.resolve("runs").resolve("dpo-seed7")
                .resolve("metrics.jsonl")).toMillis(), "a second run skips finished training");
    }

    @Test
    void correctnessScorerReadsTheQuestionFromThePrompt() throws Exception {
        try (Scorer scorer = new CorrectScorerProvider().create("correct")) {
            double[] scores = scorer.score(List.of(new ScoreRequest("what is 3 plus 4?\n", "sure, 3 plus 4 is 7."),
                    new ScoreRequest("what is 3 plus 4?\n", "8."))).get("correct");
            assertArrayEquals(new double[] {1, 0}, scores);
            ScorerException e = assertThrows(ScorerException.class,
                    () -> scorer.score(List.of(new ScoreRequest("what is the capital of France?", "Paris"))));
            assertTrue(e.getMessage().contains("not an addition question of the demo"), e.getMessage());
        }
    }

    @Test
    void objectivesLabelPairsAsSpecified() {
        Question question = new Question(3, 4);
        Exchange politeRight = new Exchange(question, "sure, 3 plus 4 is 7. glad to help!", "8.");
        assertEquals(1, ArithmeticTask.CORRECT.compare(politeRight).sign());
        assertEquals(-1, ArithmeticTask.CONCISE.compare(politeRight).sign());
        assertEquals(0, ArithmeticTask.CORRECT.compare(new Exchange(question, "7.", "sure, 3 plus 4 is 7.")).sign());
    }

    @Test
    void everyDemoPromptAndAnswerIsEncodedWhole() throws Exception {
        CharacterTokenizer.write(out, ArithmeticTask.alphabet(), 64);
        Path corpus = out.resolve("pairs.jsonl");
        DemoData.write(corpus, 200, 3);
        List<Rejection> rejected = new ArrayList<>();
        List<PreferenceExample> examples = new ArrayList<>();
        try (HfTokenizer tokenizer = HfTokenizer.load(out);
                PairReader reader = PairReader.open(corpus, Presets.create("generic",
                        Map.of("objectives", DemoData.presetOptions()), corpus), ReadOptions.lenient())) {
            reader.forEachRemaining(examples::add);
            List<TokenizedPair> pairs = new PairTokenizer(RawTextTemplate.INSTANCE, tokenizer.encoder(),
                    TokenLimits.DEFAULT, rejected::add).tokenizeAll(examples);
            assertTrue(rejected.isEmpty(), "the demo's alphabet covers its prompts and answers: " + rejected);
            assertEquals(examples.size(), pairs.size());
            for (int i = 0; i < pairs.size(); i++) {
                assertEquals(examples.get(i).prompt().text(), decode(tokenizer, pairs.get(i).prompt()),
                        "training sees the question as the data (and generation) write it");
                assertEquals(examples.get(i).responseA(), decode(tokenizer, pairs.get(i).responseA()));
            }
        }
    }

    private static String decode(HfTokenizer tokenizer, int[] ids) {
        return tokenizer.decode(Arrays.stream(ids).asLongStream().toArray(), true);
    }
}
