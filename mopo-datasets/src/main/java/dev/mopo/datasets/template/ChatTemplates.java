package dev.mopo.datasets.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Chat templates from a checkpoint folder, or by name. */
public final class ChatTemplates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatTemplates() {}

    /**
     * The checkpoint's own template: {@code chat_template.jinja} if present, else the
     * {@code chat_template} of {@code tokenizer_config.json} (a string, or a list of named
     * templates of which {@code default} is taken); empty when it has none.
     *
     * @throws TemplateException when {@code tokenizer_config.json} is not valid JSON or its template
     *     does not parse
     */
    public static Optional<JinjaChatTemplate> fromCheckpoint(Path folder) throws IOException {
        JsonNode config = tokenizerConfig(folder);
        Map<String, String> tokens = specialTokens(config);
        Path jinja = folder.resolve("chat_template.jinja");
        if (Files.isRegularFile(jinja)) {
            return Optional.of(new JinjaChatTemplate(Files.readString(jinja, StandardCharsets.UTF_8), tokens));
        }
        JsonNode template = config == null ? null : config.get("chat_template");
        if (template == null || template.isNull()) {
            return Optional.empty();
        }
        if (template.isTextual()) {
            return Optional.of(new JinjaChatTemplate(template.textValue(), tokens));
        }
        if (template.isArray()) {
            for (JsonNode named : template) {
                if ("default".equals(named.path("name").asText()) && named.path("template").isTextual()) {
                    return Optional.of(new JinjaChatTemplate(named.get("template").textValue(), tokens));
                }
            }
        }
        throw new TemplateException(folder.resolve("tokenizer_config.json")
                + ": 'chat_template' is neither a string nor a list holding a template named 'default'");
    }

    /**
     * The template a choice selects: {@code checkpoint} (the checkpoint's own; an error when it
     * has none), {@code auto} (the checkpoint's own, else {@code textTemplate}), {@code none},
     * {@code plain}, or {@code pku} (with the checkpoint's end-of-sequence token, {@code </s>} when
     * it names none).
     *
     * @param checkpoint the model folder, or null when there is none (then {@code auto} is {@code textTemplate})
     * @param textTemplate the text template {@code auto} falls back to, usually
     *     {@link dev.mopo.datasets.preset.Preset#textTemplate()}: {@code none}, {@code plain} or {@code pku}
     * @throws IllegalArgumentException when {@code textTemplate} is not a text template
     */
    public static ChatTemplate named(TemplateChoice choice, Path checkpoint, TemplateChoice textTemplate)
            throws IOException {
        if (!textTemplate.isText()) {
            throw new IllegalArgumentException("the fallback of chat_template auto must be none, plain or pku, got "
                    + textTemplate);
        }
        switch (choice) {
            case NONE:
                return RawTextTemplate.INSTANCE;
            case PLAIN:
                return PlainChatTemplate.INSTANCE;
            case PKU:
                return new PkuChatTemplate(checkpoint == null ? "</s>"
                        : specialTokens(checkpoint).getOrDefault("eos_token", "</s>"));
            case AUTO:
                Optional<JinjaChatTemplate> own = checkpoint == null ? Optional.empty() : fromCheckpoint(checkpoint);
                return own.isPresent() ? own.get() : named(textTemplate, checkpoint, textTemplate);
            case CHECKPOINT:
                if (checkpoint == null) {
                    throw new IllegalArgumentException("chat_template: checkpoint needs a checkpoint folder");
                }
                return fromCheckpoint(checkpoint).orElseThrow(() -> new TemplateException(checkpoint
                        + " has no chat template (no chat_template.jinja, no 'chat_template' in tokenizer_config.json)"));
            default:
                throw new AssertionError(choice);
        }
    }

    /**
     * The special tokens of {@code tokenizer_config.json} as template variables: every
     * {@code *_token} entry given as a string or as an object with a {@code content} string.
     */
    public static Map<String, String> specialTokens(Path folder) throws IOException {
        return specialTokens(tokenizerConfig(folder));
    }

    private static Map<String, String> specialTokens(JsonNode config) {
        Map<String, String> tokens = new LinkedHashMap<>();
        if (config == null) {
            return tokens;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().endsWith("_token")) {
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isTextual()) {
                tokens.put(entry.getKey(), value.textValue());
            } else if (value.path("content").isTextual()) {
                tokens.put(entry.getKey(), value.get("content").textValue());
            }
        }
        return tokens;
    }

    private static JsonNode tokenizerConfig(Path folder) throws IOException {
        Path file = folder.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException | CharConversionException e) {
            throw new TemplateException(file + ": not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
