package dev.mopo.bench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.djl.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
