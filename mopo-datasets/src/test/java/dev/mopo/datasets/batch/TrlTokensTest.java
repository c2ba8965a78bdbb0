package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.RawTextTemplate;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mopo's token ids against the ids TRL 1.13's DPOTrainer feeds the model, recorded in
 * {@code tokenizers/expected_tokens.json} by {@code src/test/fixtures/make_token_fixtures.py} for six
 * tokenizer folders: each pair is read by a preset from a one-row file, rendered, tokenised by
 * {@link PairTokenizer} and collated by {@link TokenBatch}.
 */
class TrlTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode EXPECTED = expected();
    private static final List<String> BOS_FAMILIES = List.of("llama2", "llama3", "llama3-first-release", "mistral");

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        EXPECTED.get("families").fieldNames().forEachRemaining(family -> {
            for (String name : new String[] {"hh", "plain", "chat"}) {
                if (EXPECTED.get("families").get(family).get("cases").get(name).get("applicable").asBoolean()) {
                    cases.add(Arguments.of(family, name));
                }
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void idsAndCollatedBatchEqualTrls(String family, String name) throws IOException {
        JsonNode entry = EXPECTED.get("families").get(family);
        JsonNode trl = entry.get("cases").get(name).get("trl");
        TokenizedPair pair = tokenize(family, name, new ArrayList<>()).get(0);

        assertArrayEquals(ints(trl.get("prompt_ids")), pair.prompt(), "prompt_ids");
        assertArrayEquals(ints(trl.get("chosen_ids")), pair.responseA(), "chosen_ids");
        assertArrayEquals(ints(trl.get("rejected_ids")), pair.responseB(), "rejected_ids");

        TokenBatch batch = TokenBatch.of(List.of(pair),
                BatchConfig.builder(entry.get("trl_pad_token_id").asInt()).build());
        JsonNode collated = trl.get("collated");
        assertArrayEquals(flat(collated.get("input_ids")), batch.inputIds(), "input_ids");
        assertArrayEquals(flat(collated.get("attention_mask")), batch.attentionMask(), "attention_mask");
        assertArrayEquals(flat(collated.get("completion_mask")), batch.responseMask(), "completion_mask");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void bosIsAddedForTextRowsWhereTheFamilyHasOneAndNeverTwiceForChatRows(String family, String name)
            throws IOException {
        JsonNode bos = EXPECTED.get("families").get(family).get("special_tokens").get("bos_token");
        int[] prompt = tokenize(family, name, new ArrayList<>()).get(0).prompt();
        int bosId = bos.isNull() ? -1 : bos.get("id").asInt();
        long count = Arrays.stream(prompt).filter(id -> id == bosId).count();
        if (BOS_FAMILIES.contains(family)) {
            assertEquals(bosId, prompt[0], "a BOS starts the prompt");
            assertEquals(1, count, "exactly one BOS");
        } else {
            assertEquals(0, count, "no BOS");
        }
    }

    /**
     * The prompt {@code "…\nA: "} ends in a space that merges into the response's first token.
     * TRL cuts at the prompt-only length and drops that token; mopo cuts at the longest common prefix,
     * so prompt + response is exactly the joint tokenisation TRL computed before cutting.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("families")
    void aPromptEndingInASpaceIsCutWhereTheJointTokenisationSaysNotWhereTrlCuts(String family) throws IOException {
        JsonNode trl = EXPECTED.get("families").get(family).get("cases").get("plain_trailing_space").get("trl");
        assertFalse(trl.get("prompt_is_prefix_chosen").asBoolean());
        int[] promptOnly = ints(trl.get("prompt_ids"));
        int[] jointA = ints(trl.get("prompt_chosen_ids_before_split"));
        int[] jointB = ints(trl.get("prompt_rejected_ids_before_split"));
        int cut = Math.min(Arrays.mismatch(promptOnly, jointA),
                Arrays.mismatch(promptOnly, jointB));

        List<PairTokenizer> tokenizers = new ArrayList<>();
        TokenizedPair pair = tokenize(family, "plain_trailing_space", tokenizers).get(0);

        assertArrayEquals(Arrays.copyOf(jointA, cut), pair.prompt());
        assertArrayEquals(Arrays.copyOfRange(jointA, cut, jointA.length), pair.responseA());
        assertArrayEquals(Arrays.copyOfRange(jointB, cut, jointB.length), pair.responseB());
        assertEquals(promptOnly.length - 1, cut, "only the trailing space token moves to the response");
        assertEquals(1, tokenizers.get(0).mergedBoundaries());
        // TRL's response lacks the first joint token after the cut: the one that holds the merged space.
        assertArrayEquals(Arrays.copyOfRange(jointA, promptOnly.length, jointA.length),
                ints(trl.get("chosen_ids")));
    }

    @Test
    void autoFallsBackToThePresetsTextTemplateWithoutAChatTemplate() throws IOException {
        Preset hh = Presets.create("hh-rlhf", Map.of("subset", "helpful-base"), dir);
        assertSame(RawTextTemplate.INSTANCE,
                ChatTemplates.named(TemplateChoice.AUTO, folder("gpt2"), hh.textTemplate()));
        assertTrue(ChatTemplates.named(TemplateChoice.AUTO, folder("qwen2"), hh.textTemplate()).conversational());
    }

    /** The families whose tokenizer_class is LlamaTokenizer tokenise as transformers 5 rebuilds them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("llamaTokenizerFamilies")
    void llamaTokenizerFamiliesUseTransformersRebuild(String family) throws IOException {
        JsonNode joint = EXPECTED.get("families").get(family).get("cases").get("hh").get("joint").get("chosen");
        try (HfTokenizer tokenizer = HfTokenizer.load(folder(family))) {
            long[] alone = tokenizer.encode(" Sure, 10.", false);
            assertArrayEquals(longs(joint.get("separate_response_ids")), alone);
            assertFalse(Arrays.equals(longs(joint.get("separate_response_ids_tokenizer_json")), alone),
                    "tokenizer.json alone prepends a second ▁");
        }
    }

    static Stream<String> families() {
        List<String> names = new ArrayList<>();
        EXPECTED.get("families").fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    static Stream<String> llamaTokenizerFamilies() {
        return families().filter(family -> EXPECTED.get("families").get(family).get("tokenizer_class_in_config")
                .asText().startsWith("LlamaTokenizer"));
    }

    /** The case's one pair, read by its preset from a file and tokenised; the PairTokenizer goes into {@code used}. */
    private List<TokenizedPair> tokenize(String family, String name, List<PairTokenizer> used) throws IOException {
        JsonNode input = EXPECTED.get("families").get(family).get("cases").get(name).get("input");
        Path file = dir.resolve(family + "-" + name + ".jsonl");
        Preset preset;
        TemplateChoice choice;
        ObjectNode row = JSON.createObjectNode();
        if (name.equals("hh")) {
            row.setAll((ObjectNode) input.get("dataset_row"));
            preset = Presets.create("hh-rlhf", Map.of("subset", "helpful-base"), file);
            choice = preset.textTemplate();
        } else if (name.equals("chat")) {
            JsonNode conversation = input.get("dataset_row");
            row.set("prompt", conversation.get("prompt"));
            row.put("response_a", conversation.get("chosen").get(0).get("content").asText());
            row.put("response_b", conversation.get("rejected").get(0).get("content").asText());
            row.put("preferred", 1);
            preset = Presets.create("generic", Map.of("objectives", "preferred"), file);
            choice = TemplateChoice.CHECKPOINT;
        } else {
            row.put("prompt", input.get("prompt").asText());
            row.put("response_a", input.get("chosen").asText());
            row.put("response_b", input.get("rejected").asText());
            row.put("preferred", 1);
            preset = Presets.create("generic", Map.of("objectives", "preferred"), file);
            choice = TemplateChoice.NONE;
        }
        Files.writeString(file, JSON.writeValueAsString(row) + "\n", StandardCharsets.UTF_8);
        ChatTemplate template = ChatTemplates.named(choice, folder(family), preset.textTemplate());
        List<TokenizedPair> pairs = new ArrayList<>();
        try (HfTokenizer tokenizer = HfTokenizer.load(folder(family));
                PairReader reader = PairReader.open(file, preset, ReadOptions.strictly())) {
            PairTokenizer pairTokenizer = new PairTokenizer(template, tokenizer.encoder(), TokenLimits.DEFAULT,
                    reader.rejections());
            used.add(pairTokenizer);
            for (Iterator<TokenizedPair> it = pairTokenizer.tokenize(reader); it.hasNext();) {
                pairs.add(it.next());
            }
        }
        assertEquals(1, pairs.size());
        return pairs;
    }

    private static Path folder(String family) {
        try {
            return Path.of(TrlTokensTest.class.getResource("/tokenizers/" + family + "/tokenizer.json").toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expected() {
        try {
            return JSON.readTree(TrlTokensTest.class.getResourceAsStream("/tokenizers/expected_tokens.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static int[] flat(JsonNode rows) {
        List<Integer> out = new ArrayList<>();
        rows.forEach(row -> row.forEach(value -> out.add(value.asInt())));
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
