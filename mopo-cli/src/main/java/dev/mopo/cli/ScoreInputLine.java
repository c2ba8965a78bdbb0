package dev.mopo.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of {@code mopo model score}'s input: {@code {"prompt", "response"}} (one score) or
 * {@code {"prompt", "chosen", "rejected"}} (two), every value a string; other keys are ignored.
 *
 * @param line the 1-based line number in the file
 * @param prompt the prompt
 * @param responses the response, or the chosen then the rejected one
 */
record ScoreInputLine(int line, String prompt, List<String> responses) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the responses. */
    ScoreInputLine {
        responses = List.copyOf(responses);
    }

    /** Whether the line is a chosen/rejected pair. */
    boolean isPair() {
        return responses.size() == 2;
    }

    /**
     * Every non-blank line of {@code file}; a malformed one fails with one line naming the file and
     * its 1-based line number.
     */
    static List<ScoreInputLine> read(Path file) throws IOException {
        List<ScoreInputLine> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                number++;
                if (!text.isBlank()) {
                    lines.add(parse(text, file + ":" + number + ": ", number));
                }
            }
        }
        return lines;
    }

    private static ScoreInputLine parse(String text, String where, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + "not valid JSON (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        boolean single = node.isObject() && node.has("response");
        boolean pair = node.isObject() && (node.has("chosen") || node.has("rejected"));
        if (single == pair || !text(node, "prompt")
                || (single ? !text(node, "response") : !text(node, "chosen") || !text(node, "rejected"))) {
            throw new IllegalArgumentException(where + "expected {\"prompt\": ..., \"response\": ...} or {\"prompt\":"
                    + " ..., \"chosen\": ..., \"rejected\": ...} with string values, got " + abbreviate(text));
        }
        return single ? new ScoreInputLine(number, node.get("prompt").asText(), List.of(node.get("response").asText()))
                : new ScoreInputLine(number, node.get("prompt").asText(),
                        List.of(node.get("chosen").asText(), node.get("rejected").asText()));
    }

    private static boolean text(JsonNode node, String key) {
        return node.path(key).isTextual();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
