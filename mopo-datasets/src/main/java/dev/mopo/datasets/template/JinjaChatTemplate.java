package dev.mopo.datasets.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.tree.Node;
import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.example.Prompt;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A checkpoint's Jinja {@code chat_template}, rendered as transformers renders it
 * ({@code trim_blocks}, {@code lstrip_blocks}, whitespace control on expressions as on tags
 * ({@code {{- … -}}}, which Mistral's and many other templates use), {@code raise_exception}, {@code strftime_now},
 * Python-style {@code tojson}, Python string methods) with {@code messages},
 * {@code add_generation_prompt} and the tokenizer's special tokens ({@code bos_token},
 * {@code eos_token}, …) as variables.
 *
 * <p>The template runs in a sandbox: {@code include}, {@code import}, {@code from} and
 * {@code extends} are disabled and no template can be loaded from anywhere, only the methods of
 * Python's {@code str}, {@code list} and {@code dict} can be called, output is capped at
 * {@link #MAX_OUTPUT_CHARS} and loops at {@link #MAX_RANGE}. A template cannot read files, reach
 * the network or touch a Java object.
 *
 * <p>The template is parsed once; renders of one instance run one at a time.
 */
public final class JinjaChatTemplate implements ChatTemplate {

    /** The most characters one render may produce. */
    public static final long MAX_OUTPUT_CHARS = 16L << 20;
    /** The longest {@code range()} a template may build. */
    public static final int MAX_RANGE = 100_000;

    private final Map<String, String> specialTokens;
    private final Jinjava jinjava;
    private final Node tree;

    /**
     * Parses the template once; each render then only evaluates the parsed tree.
     *
     * @param source the template text
     * @param specialTokens variables such as {@code bos_token} and {@code eos_token}
     * @throws TemplateException when the template does not parse
     */
    public JinjaChatTemplate(String source, Map<String, String> specialTokens) {
        Objects.requireNonNull(source, "source");
        this.specialTokens = Map.copyOf(specialTokens);
        this.jinjava = sandbox();
        JinjavaInterpreter parser = jinjava.newInterpreter();
        try {
            this.tree = parser.parse(source);
        } catch (RuntimeException e) {
            throw new TemplateException("the chat template does not parse: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        failOnFatal("the chat template does not parse", parser.getErrorsCopy());
    }

    @Override
    public String render(Prompt prompt) {
        return render(prompt.messages(), true);
    }

    /** The prompt's conversation with {@code response} as the assistant's turn, without a generation prompt. */
    @Override
    public String render(Prompt prompt, String response) {
        List<ChatMessage> messages = new ArrayList<>(prompt.messages());
        messages.add(ChatMessage.assistant(response));
        return render(messages, false);
    }

    /** True: the template writes the special tokens and the end of turn itself. */
    @Override
    public boolean conversational() {
        return true;
    }

    /**
     * Renders a conversation.
     *
     * @param addGenerationPrompt whether to end with the template's cue for the assistant turn
     * @throws TemplateException when the template fails or refuses the conversation
     */
    public synchronized String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        List<Map<String, Object>> turns = new ArrayList<>(messages.size());
        for (ChatMessage message : messages) {
            Map<String, Object> turn = new LinkedHashMap<>();
            turn.put("role", message.role());
            turn.put("content", message.content());
            turns.add(turn);
        }
        Map<String, Object> variables = new HashMap<>(specialTokens);
        variables.put("messages", turns);
        variables.put("add_generation_prompt", addGenerationPrompt);
        JinjavaConfig config = jinjava.getGlobalConfig();
        JinjavaInterpreter interpreter = new JinjavaInterpreter(jinjava,
                new Context(jinjava.getGlobalContext(), variables, config.getDisabled()), config);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            String output = interpreter.render(tree);
            failOnFatal("the chat template failed", interpreter.getErrorsCopy());
            return output;
        } catch (TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TemplateException("the chat template failed: " + e.getMessage(), e);
        } finally {
            JinjavaInterpreter.popCurrent();
            jinjava.getGlobalContext().reset();
        }
    }

    private static void failOnFatal(String what, List<TemplateError> errors) {
        StringJoiner fatal = new StringJoiner("; ");
        for (TemplateError error : errors) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                fatal.add(message(error));
            }
        }
        if (fatal.length() > 0) {
            throw new TemplateException(what + ": " + fatal);
        }
    }

    private static String message(TemplateError error) {
        Throwable cause = error.getException();
        while (cause != null) {
            if (cause instanceof TemplateException) {
                return cause.getMessage();
            }
            cause = cause.getCause();
        }
        return error.getMessage() + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : "");
    }

    private static Jinjava sandbox() {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withLegacyOverrides(LegacyOverrides.newBuilder().withUseTrimmingForNotesAndExpressions(true).build())
                .withMaxOutputSize(MAX_OUTPUT_CHARS)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withRangeLimit(MAX_RANGE)
                .withMaxListSize(MAX_RANGE)
                .withMaxMapSize(MAX_RANGE)
                .withNestedInterpretationEnabled(false)
                .withDisabled(Map.of(Context.Library.TAG, Set.of("include", "import", "from", "extends")))
                .withElResolver(new SandboxResolver(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY))
                .build();
        Jinjava jinjava = new Jinjava(config);
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new IOException("a sandboxed chat template cannot load '" + name + "'");
        });
        Context globals = jinjava.getGlobalContext();
        globals.registerFunction(new ELFunctionDefinition("", "raise_exception", TemplateFunctions.class,
                "raiseException", String.class));
        globals.registerFunction(new ELFunctionDefinition("", "strftime_now", TemplateFunctions.class,
                "strftimeNow", String.class));
        globals.registerFilter(new TemplateFunctions.ToJson());
        return jinjava;
    }
}
