package dev.mopo.datasets.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.datasets.example.ChatMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Jinja chat templates render exactly as transformers renders them, and stay in their sandbox. */
class JinjaChatTemplateTest {

    private static final Map<String, String> TOKENS = Map.of("bos_token", "<s>", "eos_token", "</s>");

    @TestFactory
    Stream<DynamicTest> rendersLikeTransformers() throws IOException {
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("/templates/expected_renders.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : fixture.get("cases")) {
            String name = c.get("template").asText();
            String conversation = c.get("conversation").asText();
            JinjaChatTemplate template = new JinjaChatTemplate(fixture.get("templates").get(name).asText(), TOKENS);
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : fixture.get("conversations").get(conversation)) {
                messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
            }
            tests.add(DynamicTest.dynamicTest(name + "/" + conversation, () -> {
                if (c.has("error")) {
                    TemplateException error = assertThrows(TemplateException.class,
                            () -> template.render(messages, true));
                    assertTrue(error.getMessage().contains(c.get("error").asText()), error.getMessage());
                } else {
                    assertEquals(c.get("rendered").asText(), template.render(messages, true));
                }
            }));
        }
        return tests.stream();
    }

    @Test
    void cannotReachFilesOrJavaObjects() {
        List<ChatMessage> hi = List.of(ChatMessage.user("hi"));
        for (String escape : List.of(
                "{% include '/etc/passwd' %}",
                "{% import '/etc/passwd' as x %}",
                "{% extends '/etc/passwd' %}",
                "{{ ''.getClass().forName('java.lang.Runtime') }}",
                "{{ messages.getClass() }}",
                "{{ ____int3rpr3t3r____.getConfig() }}",
                "{{ messages[0].content.getBytes() }}")) {
            assertThrows(TemplateException.class, () -> new JinjaChatTemplate(escape, TOKENS).render(hi, true), escape);
        }
        assertEquals("", new JinjaChatTemplate("{{ ____int3rpr3t3r____.config }}", TOKENS).render(hi, true));
        assertEquals("", new JinjaChatTemplate("{{ 'abc'.bytes }}", TOKENS).render(hi, true));
    }

    @Test
    void brokenTemplatesFailWithTheirMessage() {
        TemplateException unclosed = assertThrows(TemplateException.class,
                () -> new JinjaChatTemplate("{% for m in messages %}{{ m.content }}", TOKENS).render(
                        List.of(ChatMessage.user("hi")), true));
        assertTrue(unclosed.getMessage().startsWith("the chat template"), unclosed.getMessage());
        JinjaChatTemplate template = new JinjaChatTemplate("{{ raise_exception('only ' + messages[0].role) }}", TOKENS);
        assertEquals("the chat template failed: only user",
                assertThrows(TemplateException.class, () -> template.render(List.of(ChatMessage.user("x")), true))
                        .getMessage());
        assertEquals("<s>", new JinjaChatTemplate("{{ bos_token }}", TOKENS).render(List.of(ChatMessage.user("x")), true));
    }
}
