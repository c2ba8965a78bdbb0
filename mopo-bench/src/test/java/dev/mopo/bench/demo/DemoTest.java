package dev.mopo.bench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import dev.mopo.djl.train.TrainingListener;
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
    void reducedDemoWritesReportPlotsAndResults() throws Exception {
        Path report = new Demo(DemoConfig.REDUCED, out, line -> { }).run(new TrainingListener() {});
        String markdown = Files.readString(report);
        for (String policy : new String[] {"reference", "dpo", "mopo-b0.55", "mopo-b0.65"}) {
            assertTrue(markdown.contains("| " + policy + " |"), "report lacks " + policy);
        }
        for (String plot : new String[] {"objective_space.png", "lambda.png", "constraint.png", "loss.png"}) {
            assertTrue(Files.size(out.resolve(plot)) > 1000, plot);
        }
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(4, results.get("policies").size());
        for (JsonNode policy : results.get("policies")) {
            for (String key : new String[] {"win_rate_correct", "win_rate_concise", "correct_rate"}) {
                double value = policy.get(key).asDouble();
                assertTrue(value >= 0 && value <= 1, key + " = " + value);
            }
        }
        assertTrue(results.get("policies").get(2).has("final_lambda_concise"));
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
