package dev.mopo.bench.eval;

import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.template.TemplateChoice;
import java.io.IOException;
import java.util.List;

/** Where the prompts of an evaluation come from: a prompt file ({@link PromptFile}) or a corpus split ({@link CorpusPrompts}). */
public interface PromptSource {

    /**
     * The distinct prompts, in order of first appearance.
     *
     * @param limit the most prompts to read; 0 for all
     * @throws IllegalArgumentException one line naming the file (and line) for malformed input, or a source
     *     without prompts
     */
    List<Prompt> read(int limit) throws IOException;

    /** The text template {@code chat_template: auto} falls back to for a checkpoint without a chat template. */
    TemplateChoice textTemplate();

    /** Where the prompts come from, for reports. */
    String describe();
}
