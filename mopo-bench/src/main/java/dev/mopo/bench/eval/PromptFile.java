package dev.mopo.bench.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.template.TemplateChoice;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSONL file of prompts, one {@code {"prompt": "..."}} per line (other keys ignored, blank lines
 * skipped); each prompt is a single user turn. {@code chat_template: auto} falls back to
 * {@code plain} for a checkpoint without a chat template, as for the generic preset.
 *
 * @param file the JSONL file (made absolute)
 */
public record PromptFile(Path file) implements PromptSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Makes the path absolute. */
    public PromptFile {
        file = file.toAbsolutePath().normalize();
    }

    @Override
    public List<Prompt> read(int limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Set<String> texts = new LinkedHashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String line = reader.readLine(); line != null && (limit == 0 || texts.size() < limit);
                    line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    texts.add(parse(line, number));
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no prompts (expected lines of {\"prompt\": \"...\"})");
        }
        List<Prompt> prompts = new ArrayList<>();
        texts.forEach(text -> prompts.add(Prompt.of(text)));
        return prompts;
    }

    private String parse(String line, int number) {
        String where = file + ":" + number + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + "not valid JSON (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + ")");
        }
        if (node == null || !node.path("prompt").isTextual()) {
            String shown = line.length() <= 80 ? line : line.substring(0, 77) + "...";
            throw new IllegalArgumentException(where + "expected {\"prompt\": \"...\"} with a string value, got " + shown);
        }
        return node.get("prompt").asText();
    }

    @Override
    public TemplateChoice textTemplate() {
        return TemplateChoice.PLAIN;
    }

    @Override
    public String describe() {
        return "prompt file " + file;
    }
}
