package dev.mopo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The tiny checkpoints of mopo-djl's test resources, arranged as the evaluation tests need them. */
public final class Fixtures {

    /** mopo-djl's test resources. */
    public static final Path RESOURCES = Path.of("..", "mopo-djl", "src", "test", "resources");
    /** A tiny Llama with a tokenizer, a chat template and a generation config (greedy). */
    public static final Path POLICY = RESOURCES.resolve("models").resolve("llama-gqa-tied");
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private Fixtures() {}

    /** Another tiny Llama ({@code llama-mha}, same vocabulary) with {@link #POLICY}'s tokenizer, in {@code dir/other}. */
    public static Path otherPolicy(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("other"));
        copy(RESOURCES.resolve("models").resolve("llama-mha"), folder, "config.json", "model.safetensors",
                "generation_config.json");
        copy(POLICY, folder, "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json");
        return folder;
    }

    /**
     * The {@code llama} reward model with {@link #POLICY}'s tokenizer and chat template, in {@code dir/rm}: transformers
     * scores it -0.8381487 for ("is the sky blue?", "yes, it is."), -1.1864576 for ("is the sky blue?", "no.") and
     * -0.2132449 for ("what is two plus two?", " four!").
     */
    public static Path rewardModel(Path dir) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rm"));
        copy(RESOURCES.resolve("reward-models").resolve("llama"), folder, "config.json", "model.safetensors");
        copy(POLICY, folder, "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json");
        return folder;
    }

    /** A prompt file of {@code prompts}, one {@code {"prompt": ...}} per line. */
    public static Path prompts(Path file, String... prompts) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String prompt : prompts) {
            lines.add("{\"prompt\": \"" + prompt + "\"}");
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** A generic-preset JSONL corpus of {@code pairs} random pairs labelled by helpful and harmless. */
    public static Path corpus(Path file, int pairs, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            lines.add(String.format("{\"prompt\": \"%s\", \"response_a\": \"%s\", \"response_b\": \"%s\", "
                    + "\"helpful\": %d, \"harmless\": %d}", words(random, 4), words(random, 3), words(random, 5),
                    random.nextBoolean() ? 1 : -1, random.nextInt(3) - 1));
        }
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** A {@code /bin/sh} script with {@code body}, in {@code file}. */
    public static Path script(Path file, String... body) throws IOException {
        return Files.writeString(file, String.join("\n", body) + "\n");
    }

    private static void copy(Path from, Path to, String... files) throws IOException {
        for (String file : files) {
            Files.copy(from.resolve(file), to.resolve(file));
        }
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < count; w++) {
            text.append(w == 0 ? "" : " ");
            for (int c = 0; c < 2 + random.nextInt(5); c++) {
                text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
        }
        return text.toString();
    }
}
