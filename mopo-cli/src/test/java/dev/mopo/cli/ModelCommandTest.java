package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code mopo model} on a tiny fixture checkpoint, through the command line. */
class ModelCommandTest {

    private static final Path MODEL = Path.of("..", "mopo-djl", "src", "test", "resources", "models", "llama-gqa-tied");

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, MopoCommand.commandLine().execute(args));
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logitsAsJsonMatchTransformers() throws Exception {
        JsonNode expected = new ObjectMapper().readTree(MODEL.resolve("expected.json").toFile()).get("cases").get(1);
        StringBuilder ids = new StringBuilder();
        for (JsonNode id : expected.get("ids")) {
            ids.append(ids.length() == 0 ? "" : ",").append(id.asLong());
        }
        JsonNode logits = new ObjectMapper().readTree(run("model", "logits", "--model", MODEL.toString(), "--ids",
                ids.toString(), "--json"));
        assertEquals(expected.get("logits").size(), logits.size());
        for (int t = 0; t < logits.size(); t++) {
            for (int v = 0; v < logits.get(t).size(); v++) {
                assertEquals(expected.get("logits").get(t).get(v).asDouble(), logits.get(t).get(v).asDouble(), 1e-4);
            }
        }
    }

    @Test
    void infoPrintsArchitectureCountAndPlan() throws Exception {
        long parameters = new ObjectMapper().readTree(MODEL.resolve("expected.json").toFile()).get("num_parameters")
                .asLong();
        String info = run("model", "info", "--model", MODEL.toString());
        assertTrue(info.contains("LLAMA (llama)"), info);
        assertTrue(info.contains(String.format(java.util.Locale.ROOT, "%,d", parameters)), info);
        assertTrue(info.contains("AdamW moments") && info.contains("activations per batch"), info);
    }

    @Test
    void greedyGenerationIsRepeatable() {
        String first = run("model", "generate", "--model", MODEL.toString(), "--prompt", "the cat", "--max-new-tokens", "6");
        assertTrue(first.startsWith("the cat"), first);
        assertEquals(first, run("model", "generate", "--model", MODEL.toString(), "--prompt", "the cat",
                "--max-new-tokens", "6"));
    }

    @Test
    void idsOutsideTheVocabularyAreOneClearLine() {
        StringWriter err = new StringWriter();
        var commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute("model", "logits", "--model", MODEL.toString(), "--ids", "1,5000"));
        assertTrue(err.toString().contains("token id 5000 is outside the vocabulary"), err.toString());
    }
}
