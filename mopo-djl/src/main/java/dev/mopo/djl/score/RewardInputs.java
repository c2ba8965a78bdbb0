package dev.mopo.djl.score;

import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.JinjaChatTemplate;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Turns a prompt and a response into the token ids a reward model reads, with the checkpoint's own
 * tokenizer ({@code tokenizer.json}): when the checkpoint has a chat template ({@code chat_template}
 * in {@code tokenizer_config.json}, or {@code chat_template.jinja}) the conversation of a user turn
 * and an assistant turn, rendered without a generation prompt and encoded without adding special
 * tokens — transformers' {@code apply_chat_template(messages, tokenize=True)}; otherwise
 * {@code prompt + response} encoded with the special tokens the tokenizer adds — transformers'
 * {@code tokenizer(prompt + response)}. The only place the scoring code touches mopo-datasets.
 * Close it to free the native tokenizer.
 */
public final class RewardInputs implements AutoCloseable {

    private final HfTokenizer tokenizer;
    private final JinjaChatTemplate template;

    private RewardInputs(HfTokenizer tokenizer, JinjaChatTemplate template) {
        this.tokenizer = tokenizer;
        this.template = template;
    }

    /**
     * The tokenizer and chat template of the checkpoint in {@code folder}.
     *
     * @throws IllegalArgumentException when the folder has no {@code tokenizer.json}, or its chat
     *     template does not parse
     */
    public static RewardInputs load(Path folder) throws IOException {
        HfTokenizer tokenizer = HfTokenizer.load(folder);
        try {
            Optional<JinjaChatTemplate> template = ChatTemplates.fromCheckpoint(folder);
            return new RewardInputs(tokenizer, template.orElse(null));
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Whether the checkpoint's chat template formats the text. */
    public boolean usesChatTemplate() {
        return template != null;
    }

    /** The ids of {@code response} answering {@code prompt}, as the reward model reads them. */
    public long[] encode(String prompt, String response) {
        if (template == null) {
            return tokenizer.encode(prompt + response, true);
        }
        String conversation = template.render(List.of(ChatMessage.user(prompt), ChatMessage.assistant(response)), false);
        return tokenizer.encode(conversation, false);
    }

    /** Frees the native tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }
}
