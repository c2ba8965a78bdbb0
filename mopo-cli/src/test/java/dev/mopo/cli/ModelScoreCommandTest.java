package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mopo model score} on the {@code llama} reward-model fixture with the fixture tokenizer and its chat template.
 * Expected scores from transformers 5.18: {@code AutoModelForSequenceClassification} on
 * {@code reward-models/llama}, input {@code tok.apply_chat_template([user p, assistant r], tokenize=True)} with
 * {@code tok} = {@code models/llama-gqa-tied}'s tokenizer.
 */
class ModelScoreCommandTest {

    private static final Path FIXTURES = Path.of("..", "mopo-djl", "src", "test", "resources");
    private static final double YES = -0.8381487;
    private static final double NO = -1.1864576;
    private static final double FOUR = -0.2132449;

    @TempDir
    static Path dir;

    private static Path model;

    @BeforeAll
    static void rewardModelWithTokenizer() throws IOException {
        model = Files.createDirectories(dir.resolve("rm"));
        for (String file : List.of("config.json", "model.safetensors")) {
            Files.copy(FIXTURES.resolve("reward-models/llama").resolve(file), model.resolve(file));
        }
        for (String file : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")) {
            Files.copy(FIXTURES.resolve("models/llama-gqa-tied").resolve(file), model.resolve(file));
        }
    }

    private static Path input(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

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

    private static String fail(String... args) {
        StringWriter err = new StringWriter();
        var commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute(args));
        return err.toString();
    }

    @Test
    void responsesAndPairsScoreAsTransformersDoes() throws IOException {
        Path file = input("mixed.jsonl",
                "{\"prompt\": \"is the sky blue?\", \"response\": \"yes, it is.\"}",
                "",
                "{\"prompt\": \"is the sky blue?\", \"chosen\": \"yes, it is.\", \"rejected\": \"no.\"}",
                "{\"prompt\": \"what is two plus two?\", \"response\": \" four!\", \"id\": 7}");
        String[] lines = run("model", "score", "--model", model.toString(), "--input", file.toString(), "--batch-size",
                "2").split("\n");
        assertEquals(3, lines.length, String.join("|", lines));
        assertEquals(YES, Double.parseDouble(lines[0]), 1e-4);
        String[] pair = lines[1].split("\t");
        assertEquals(YES, Double.parseDouble(pair[0]), 1e-4);
        assertEquals(NO, Double.parseDouble(pair[1]), 1e-4);
        assertEquals(FOUR, Double.parseDouble(lines[2]), 1e-4);

        ObjectMapper mapper = new ObjectMapper();
        String[] json = run("model", "score", "--model", model.toString(), "--input", file.toString(), "--json",
                "--label", "LABEL_0").split("\n");
        JsonNode first = mapper.readTree(json[0]);
        assertEquals(1, first.get("line").asInt());
        assertEquals(YES, first.get("score").asDouble(), 1e-4);
        JsonNode second = mapper.readTree(json[1]);
        assertEquals(3, second.get("line").asInt());
        assertEquals(YES, second.get("chosen").asDouble(), 1e-4);
        assertEquals(NO, second.get("rejected").asDouble(), 1e-4);
    }

    @Test
    void aMalformedLineNamesTheFileAndLine() throws IOException {
        Path notJson = input("broken.jsonl", "{\"prompt\": \"a\", \"response\": \"b\"}", "{\"prompt\": \"a\",");
        assertTrue(fail("model", "score", "--model", model.toString(), "--input", notJson.toString())
                .contains(notJson + ":2: not valid JSON"));
        Path missing = input("missing.jsonl", "{\"prompt\": \"a\", \"chosen\": \"b\"}");
        String err = fail("model", "score", "--model", model.toString(), "--input", missing.toString());
        assertTrue(err.contains(missing + ":1: expected {\"prompt\": ..., \"response\": ...} or"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void anUnknownLabelListsTheLabels() throws IOException {
        Path file = input("one.jsonl", "{\"prompt\": \"a\", \"response\": \"b\"}");
        String err = fail("model", "score", "--model", model.toString(), "--input", file.toString(), "--label",
                "harmless");
        assertTrue(err.contains("label 'harmless' is neither a label of this model nor an index below 1 (labels: 0"
                + " LABEL_0)"), err);
    }
}
