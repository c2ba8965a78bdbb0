package dev.mopo.bench.trainspeed;

import dev.mopo.bench.toy.CharacterTokenizer;
import dev.mopo.bench.toy.TinyLlama;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The benchmark's inputs in one folder, which the TRL script reads too: {@code model/} (a
 * randomly initialised Llama with its character tokenizer) and {@code data/pairs.jsonl}. Each is
 * written only when missing, so both sides and repeated runs train the same weights on the same
 * pairs.
 *
 * @param model the checkpoint folder (config.json, model.safetensors, tokenizer files)
 * @param corpus the generic-preset JSONL corpus
 */
public record TrainSpeedFiles(Path model, Path corpus) {

    /** Every printable ASCII character and the newline the chat template uses. */
    static final String ALPHABET = alphabet();

    /**
     * Hidden 256, 4 layers, 4 attention heads over 4 key/value heads (plain multi-head attention,
     * head dim 64), intermediate 688 (Llama's 8/3 ratio, rounded to 16), positions up to 128, an
     * untied output head, and the character tokenizer's vocabulary.
     */
    static final TinyLlama.Shape SHAPE = new TinyLlama.Shape(CharacterTokenizer.vocabularySize(ALPHABET), 256, 4, 4, 4,
            688, SpeedCorpus.SEQUENCE_TOKENS, false);

    private static final long SEED = 11;

    /** The files in {@code folder}, writing those missing; a new corpus gets {@code pairs} pairs. */
    public static TrainSpeedFiles prepare(Path folder, int pairs, Consumer<String> log) throws IOException {
        TrainSpeedFiles files = new TrainSpeedFiles(folder.resolve("model"), folder.resolve("data").resolve("pairs.jsonl"));
        if (!Files.isRegularFile(files.model.resolve("config.json"))
                || !Files.isRegularFile(files.model.resolve("model.safetensors"))
                || !Files.isRegularFile(files.model.resolve("tokenizer.json"))) {
            log.accept("writing a random-init Llama (" + describe() + ") and its tokenizer to " + files.model);
            Files.createDirectories(files.model);
            CharacterTokenizer.write(files.model, ALPHABET, SHAPE.maxPositions());
            TinyLlama.write(files.model, SHAPE, SEED);
        } else {
            log.accept("using the model in " + files.model);
        }
        if (!Files.isRegularFile(files.corpus)) {
            log.accept("writing " + pairs + " pairs of " + SpeedCorpus.PROMPT_TOKENS + " prompt + "
                    + SpeedCorpus.RESPONSE_TOKENS + " response tokens to " + files.corpus);
            Files.createDirectories(files.corpus.getParent());
            SpeedCorpus.write(files.corpus, pairs, SEED + 1);
        } else {
            log.accept("using the corpus " + files.corpus);
        }
        return files;
    }

    /** The model's dimensions in words. */
    static String describe() {
        return String.format("hidden %d, %d layers, %d heads, %d kv heads, intermediate %d, vocab %d, %s head",
                SHAPE.hidden(), SHAPE.layers(), SHAPE.heads(), SHAPE.kvHeads(), SHAPE.intermediate(),
                SHAPE.vocabulary(), SHAPE.tiedEmbeddings() ? "tied" : "untied");
    }

    private static String alphabet() {
        StringBuilder characters = new StringBuilder("\n");
        for (char c = ' '; c <= '~'; c++) {
            characters.append(c);
        }
        return characters.toString();
    }
}
