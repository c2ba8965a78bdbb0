package dev.mopo.datasets.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.Encoded;
import dev.mopo.datasets.batch.TokenEncoder;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.reject.BadRowException;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.TemplateChoice;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the encoder says about text it cannot encode, and when it needs to look. */
class HfTokenizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo's alphabet: lower-case letters, digits, a space and some punctuation, no newline. */
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 .,!?";

    @TempDir
    Path dir;

    /** The fast path: no offsets are read unless the unknown token shows up. */
    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama2", "llama3", "llama3-first-release", "mistral", "qwen2"})
    void byteLevelAndByteFallbackVocabulariesDropNothing(String family) throws IOException {
        TokenizerJson facts = facts(folder("/tokenizers/" + family));
        assertFalse(facts.modelDrops());
        assertTrue(facts.stepsKeepText());
    }

    @Test
    void aCutShortTokenizerJsonIsOneLineNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HfTokenizer.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("tokenizer.json") + ": not a tokenizer.json"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aByteLevelVocabularyMissingBytesDropsThem() throws IOException {
        assertTrue(facts(folder("/tokenizer")).modelDrops());
    }

    @Test
    void aCharacterVocabularyDropsWhatItLacksAndTheEncoderSaysWhere() throws IOException {
        try (HfTokenizer tokenizer = HfTokenizer.load(characterTokenizer(null))) {
            TokenEncoder encoder = tokenizer.encoder();
            assertEquals("</s>", encoder.eosText().orElseThrow());
            List<Encoded> encoded = encoder.encodeAll(List.of("Human: hi", "hi there</s>", "a\nb", "ab\uD83D\uDE00c"),
                    true);
            assertEquals(0, encoded.get(0).unencodable(), "'H'");
            assertEquals(7, encoded.get(0).ids().length, "the 'H' and the ':' are gone");
            assertTrue(encoded.get(1).complete());
            assertEquals(2, encoded.get(1).ids()[encoded.get(1).ids().length - 1], "</s> is one token");
            assertTrue(encoded.get(2).complete(), "a dropped newline is whitespace");
            assertArrayEquals(ids("ab"), Arrays.stream(encoded.get(2).ids()).asLongStream().toArray(),
                    "no trace of the newline in the ids");
            assertEquals(2, encoded.get(3).unencodable(), "the emoji, as a char index");
            assertArrayEquals(tokenizer.encode("Human: hi", true),
                    Arrays.stream(encoded.get(0).ids()).asLongStream().toArray(), "the ids transformers gives");
            assertArrayEquals(ids("mid i"), tokenizer.encode("mid Hi", false), "encode() drops 'H', as transformers");
        }
    }

    @Test
    void anUnknownTokenIsUnencodable() throws IOException {
        try (HfTokenizer tokenizer = HfTokenizer.load(characterTokenizer("<unk>"))) {
            Encoded encoded = tokenizer.encoder().encodeAll(List.of("ok Zed"), false).get(0);
            assertEquals(3, encoded.unencodable());
            assertEquals(6, encoded.ids().length, "Z became <unk>");
        }
    }

    /** The demo's case: the plain template writes "Human:" and "Assistant:", which a lower-case vocabulary lacks. */
    @Test
    void pairsTheTokenizerCannotEncodeAreRejectedWithTheirFileAndRow() throws IOException {
        Path model = characterTokenizer(null);
        Path data = dir.resolve("pairs.jsonl");
        Files.writeString(data, "{\"prompt\": \"what is 3 plus 4?\", \"response_a\": \" 7.\","
                + " \"response_b\": \" 8.\", \"correct\": 1}\n{\"prompt\": \"what is 1 plus 1?\","
                + " \"response_a\": \" 2.\", \"response_b\": \" 3.\", \"correct\": 1}\n", StandardCharsets.UTF_8);
        Preset preset = Presets.create("generic", Map.of("objectives", "correct"), data);
        try (HfTokenizer tokenizer = HfTokenizer.load(model)) {
            List<Rejection> rejections = new ArrayList<>();
            try (BatchStream plain = BatchStream.open(data, preset, ReadOptions.lenient().withListener(rejections::add),
                    BatchStream.all(), ChatTemplates.named(TemplateChoice.PLAIN, model, preset.textTemplate()),
                    tokenizer.encoder(), BatchConfig.builder(0).build())) {
                assertFalse(plain.hasNext());
                assertEquals(Map.of(RejectReason.UNENCODABLE_TEXT, 2L), plain.stats().rejected());
                assertEquals(0, plain.stats().pairs());
            }
            assertEquals(List.of(0L, 1L), List.of(rejections.get(0).row(), rejections.get(1).row()));
            assertEquals(data, rejections.get(0).file());
            assertTrue(rejections.get(0).message().contains("pairs.jsonl row 1: unencodable_text: the rendered prompt: "
                    + "the tokenizer cannot encode 'H' (U+0048)"), rejections.get(0).message());

            BadRowException strict = assertThrows(BadRowException.class, () -> {
                try (BatchStream stream = BatchStream.open(data, preset, ReadOptions.strictly(), BatchStream.all(),
                        ChatTemplates.named(TemplateChoice.PLAIN, model, preset.textTemplate()), tokenizer.encoder(),
                        BatchConfig.builder(0).build())) {
                    stream.hasNext();
                }
            });
            assertEquals(RejectReason.UNENCODABLE_TEXT, strict.rejection().reason());

            try (BatchStream none = BatchStream.open(data, preset, ReadOptions.strictly(), BatchStream.all(),
                    ChatTemplates.named(TemplateChoice.NONE, model, preset.textTemplate()), tokenizer.encoder(),
                    BatchConfig.builder(0).build())) {
                assertEquals(2, none.next().size());
                assertEquals(2, none.stats().pairs());
            }
        }
    }

    /** The ids of characters of the alphabet (after the three special tokens). */
    private static long[] ids(String text) {
        return text.chars().mapToLong(c -> ALPHABET.indexOf(c) + 3).toArray();
    }

    /** A tokenizer folder with one token per character of {@link #ALPHABET}, as the demo writes it. */
    private Path characterTokenizer(String unk) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(unk == null ? "chars" : "chars-unk"));
        ObjectNode vocab = JSON.createObjectNode();
        ArrayNode added = JSON.createArrayNode();
        List<String> special = new ArrayList<>(List.of("<pad>", "<s>", "</s>"));
        if (unk != null) {
            special.add(unk);
        }
        for (String token : special) {
            added.addObject().put("id", vocab.size()).put("content", token).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
            vocab.put(token, vocab.size());
        }
        for (char c : ALPHABET.toCharArray()) {
            vocab.put(String.valueOf(c), vocab.size());
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0").putNull("truncation").putNull("padding").set("added_tokens", added);
        root.putNull("normalizer").putNull("pre_tokenizer").putNull("post_processor");
        root.putObject("decoder").put("type", "Fuse");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout").put("unk_token", unk).putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", false).put("byte_fallback", false)
                .put("ignore_merges", false);
        model.set("vocab", vocab);
        model.putArray("merges");
        Files.writeString(folder.resolve("tokenizer.json"), JSON.writeValueAsString(root));
        Files.writeString(folder.resolve("tokenizer_config.json"), JSON.writeValueAsString(JSON.createObjectNode()
                .put("bos_token", "<s>").put("eos_token", "</s>").put("pad_token", "<pad>")
                .put("tokenizer_class", "PreTrainedTokenizerFast")));
        return folder;
    }

    private static TokenizerJson facts(Path folder) throws IOException {
        try (Reader in = Files.newBufferedReader(folder.resolve("tokenizer.json"), StandardCharsets.UTF_8)) {
            return TokenizerJson.read(in);
        }
    }

    private static Path folder(String resource) {
        try {
            return Path.of(HfTokenizerTest.class.getResource(resource + "/tokenizer.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
