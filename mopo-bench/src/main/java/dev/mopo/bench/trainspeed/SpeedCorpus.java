package dev.mopo.bench.trainspeed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/**
 * The benchmark's preference corpus: random lower-case words, sized so that with the character
 * tokenizer and the {@code plain} chat template ({@code "Human: " + prompt + "\n\nAssistant:"})
 * every prompt renders to exactly {@link #PROMPT_TOKENS} tokens and every response, with its EOS,
 * is exactly {@link #RESPONSE_TOKENS}: every sequence is {@link #SEQUENCE_TOKENS} long, no
 * padding and no truncation on either side. A generic-preset JSONL file with one objective,
 * {@value #OBJECTIVE}, which prefers response a in every pair.
 */
final class SpeedCorpus {

    /** Tokens of a rendered prompt. */
    static final int PROMPT_TOKENS = 64;
    /** Tokens of a response, its EOS included. */
    static final int RESPONSE_TOKENS = 64;
    /** Tokens of prompt plus response. */
    static final int SEQUENCE_TOKENS = PROMPT_TOKENS + RESPONSE_TOKENS;
    /** The corpus's one objective (its label column). */
    static final String OBJECTIVE = "preferred";

    private static final String TEMPLATE_PREFIX = "Human: ";
    private static final String TEMPLATE_SUFFIX = "\n\nAssistant:";
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private SpeedCorpus() {}

    /** Writes {@code pairs} pairs to {@code file}. */
    static void write(Path file, int pairs, long seed) throws IOException {
        Random random = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        int promptChars = PROMPT_TOKENS - TEMPLATE_PREFIX.length() - TEMPLATE_SUFFIX.length();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            lines.append(json.writeValueAsString(json.createObjectNode()
                    .put("prompt", words(random, promptChars))
                    .put("response_a", " " + words(random, RESPONSE_TOKENS - 2))
                    .put("response_b", " " + words(random, RESPONSE_TOKENS - 2))
                    .put(OBJECTIVE, 1))).append('\n');
        }
        AtomicFiles.writeString(file, lines.toString());
    }

    /** Words of 2 to 8 letters separated by spaces, exactly {@code length} characters, no space at either end. */
    private static String words(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            if (text.length() > 0) {
                text.append(' ');
            }
            for (int c = 2 + random.nextInt(7); c > 0; c--) {
                text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
        }
        text.setLength(length);
        if (text.charAt(length - 1) == ' ') {
            text.setCharAt(length - 1, 'a');
        }
        return text.toString();
    }
}
