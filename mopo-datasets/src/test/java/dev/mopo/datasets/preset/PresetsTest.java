package dev.mopo.datasets.preset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.Fixtures;
import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preset options and behaviour the fixture table does not cover. */
class PresetsTest {

    @TempDir
    Path dir;

    @Test
    void unknownNamesAndOptionsListTheKnownOnes() {
        Path any = dir.resolve("x.jsonl");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Presets.create("pku", Map.of(), any))
                .getMessage().contains("[generic, helpsteer2, hh-rlhf, pku-safe-rlhf, ultrafeedback]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Presets.create("ultrafeedback", Map.of("stratgy", "random"), any))
                .getMessage().contains("[rank_by, seed, strategy]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Presets.create("hh-rlhf", Map.of(), any))
                .getMessage().contains("subset=NAME"));
        assertThrows(IllegalArgumentException.class, () -> Presets.create("generic", List.of("mode"), any));
    }

    @Test
    void hhSubsetComesFromThePath() {
        assertEquals("harmless-base", HhRlhfPreset.subsetOf(Path.of("/data/hh-rlhf/harmless-base/train.jsonl.gz")).get());
        assertEquals("helpful-base", HhRlhfPreset.subsetOf(Path.of("hh/bad/helpful-base_truncated.jsonl.gz")).get());
        assertEquals("helpful-rejection-sampled",
                HhRlhfPreset.subsetOf(Path.of("helpful-rejection-sampled/test.jsonl.gz")).get());
        assertEquals(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello."), ChatMessage.user("Bye")),
                HhRlhfPreset.turns("\n\nHuman: Hi\n\nAssistant: Hello.\n\nHuman: Bye"));
    }

    @Test
    void redTeamAttemptsAreRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("red_team_attempts.jsonl"),
                "{\"transcript\": \"\\n\\nHuman: x\", \"rating\": 0}\n");
        DatasetFileException error = assertThrows(DatasetFileException.class,
                () -> read(file, Presets.create("hh-rlhf", Map.of("subset", "harmless-base"), file), new ArrayList<>()));
        assertEquals(DatasetFileException.NOT_PREFERENCE_DATA, error.reason());
    }

    @Test
    void ultraFeedbackStrategies() throws IOException {
        Path file = Fixtures.file("ultrafeedback/good/train.parquet");
        List<PreferenceExample> best = read(file, Presets.create("ultrafeedback", Map.of(), file), new ArrayList<>());
        List<PreferenceExample> all = read(file, Presets.create("ultrafeedback", Map.of("strategy", "all-pairs"), file),
                new ArrayList<>());
        // 10 rows: rows with 4 rated completions give 6 pairs, row 6 (3 completions) and row 7 (one "N/A") give 3.
        assertEquals(8 * 6 + 2 * 3, all.size());
        assertTrue(unordered(all).containsAll(unordered(best)), "best-vs-worst picks one of the pairs all-pairs makes");
        List<PreferenceExample> random = read(file, Presets.create("ultrafeedback", Map.of("strategy", "random",
                "seed", "5"), file), new ArrayList<>());
        assertEquals(10, random.size());
        assertEquals(ids(random), ids(read(file, Presets.create("ultrafeedback", Map.of("strategy", "random",
                "seed", "5"), file), new ArrayList<>())));
        assertNotEquals(ids(random), ids(read(file, Presets.create("ultrafeedback", Map.of("strategy", "random",
                "seed", "6"), file), new ArrayList<>())));
        PreferenceExample first = best.get(0);
        assertArrayEquals(new double[] {5, 5, 5, 5}, first.scoresA().get());
        assertArrayEquals(new double[] {2, 2, 3, 1}, first.scoresB().get());
    }

    @Test
    void rankByMakesTheAspectPrimary() {
        Preset preset = Presets.create("ultrafeedback", Map.of("rank_by", "honesty"), dir);
        assertEquals(List.of("honesty", "helpfulness", "instruction_following", "truthfulness"),
                preset.objectives().names());
    }

    @Test
    void pkuSafetyFlagsBecomeHarmlessnessScores() throws IOException {
        Path file = Fixtures.file("pku-safe-rlhf/good/train.jsonl");
        PreferenceExample first = read(file, Presets.create("pku-safe-rlhf", Map.of(), file), new ArrayList<>()).get(0);
        assertEquals(1.0, first.scoresA().get()[1]);
        assertEquals(0.0, first.scoresB().get()[1]);
    }

    @Test
    void helpSteerMultiTurnPromptsBecomeTurns() {
        assertEquals(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello."), ChatMessage.user("Trip?")),
                HelpSteer2Preset.turns("Hi\n<extra_id_1>Assistant\nHello.\n<extra_id_1>User\nTrip?"));
    }

    @Test
    void genericMapsColumnsAndReadsMessagePrompts() throws IOException {
        Path file = Files.writeString(dir.resolve("custom.jsonl"), String.join("\n",
                "{\"conv\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Hi\"}],"
                        + " \"good\": \"Hello.\", \"bad\": \"Go away.\", \"pref_safe\": 1}",
                "{\"conv\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"x\"}],"
                        + " \"good\": \"a\", \"bad\": \"b\", \"pref_safe\": 0}",
                "{\"conv\": \"Plain\", \"good\": \"a\", \"bad\": \"b\", \"pref_safe\": 1.0}",
                "{\"conv\": \"Plain\", \"good\": \"a\", \"bad\": \"b\", \"pref_safe\": -1}") + "\n");
        Preset preset = Presets.create("generic", List.of("objectives=safe", "prompt=conv", "response_a=good",
                "response_b=bad", "label_column=pref_{objective}"), file);
        List<Rejection> rejections = new ArrayList<>();
        List<PreferenceExample> pairs = read(file, preset, rejections);
        assertEquals(2, pairs.size());
        assertEquals(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), pairs.get(0).prompt().messages());
        assertEquals(Outcome.B_PREFERRED, pairs.get(1).outcome(0));
        assertEquals(RejectReason.WRONG_TYPE, rejections.get(0).reason(), "a conversation must end with a user turn");
        assertEquals(RejectReason.WRONG_TYPE, rejections.get(1).reason(), "1.0 is not an integer label");
        assertTrue(rejections.get(1).message().contains("'pref_safe' is a number (1.0), expected an integer"),
                rejections.get(1).message());
    }

    @Test
    void genericScoresRejectNaN() throws IOException {
        Path file = Files.writeString(dir.resolve("scores.jsonl"),
                "{\"prompt\": \"p\", \"response_a\": \"a\", \"response_b\": \"b\", \"score_a_x\": NaN, \"score_b_x\": 1}\n"
                        + "{\"prompt\": \"p\", \"response_a\": \"a\", \"response_b\": \"b\", \"score_a_x\": 2, \"score_b_x\": 1.5}\n");
        List<Rejection> rejections = new ArrayList<>();
        List<PreferenceExample> pairs = read(file, Presets.create("generic", Map.of("objectives", "x", "mode", "scores"), file),
                rejections);
        assertEquals(1, pairs.size());
        assertEquals(Outcome.A_PREFERRED, pairs.get(0).outcome(0));
        assertEquals(RejectReason.INVALID_OUTCOME, rejections.get(0).reason());
    }

    @Test
    void hhKeepsTheTranscriptsWhitespaceAndCutsAfterTheAssistantMarker() throws IOException {
        Path file = dir.resolve("helpful-base.jsonl");
        String prompt = "\n\nHuman: What is 4 plus 6?\n\nAssistant: Let me think.\n\nHuman: Just the number."
                + "\n\nAssistant:";
        Files.writeString(file, "{\"chosen\": " + json(prompt + " Sure, 10.\n") + ", \"rejected\": "
                + json(prompt + " It is 11.") + "}\n{\"chosen\": " + json(prompt + " Same.") + ", \"rejected\": "
                + json(prompt + " Same. ") + "}\n");
        List<Rejection> rejections = new ArrayList<>();
        List<PreferenceExample> pairs = read(file, Presets.create("hh-rlhf", Map.of(), file), rejections);
        assertEquals(1, pairs.size());
        PreferenceExample pair = pairs.get(0);
        assertEquals(prompt, pair.prompt().text());
        assertEquals(" Sure, 10.\n", pair.responseA());
        assertEquals(" It is 11.", pair.responseB());
        assertEquals(List.of(ChatMessage.user("What is 4 plus 6?"), ChatMessage.assistant("Let me think."),
                ChatMessage.user("Just the number.")), pair.prompt().messages());
        assertEquals(RejectReason.IDENTICAL_RESPONSES, rejections.get(0).reason(), "compared without their whitespace");
    }

    @Test
    void otherPresetsKeepTheResponsesAsTheyAre() throws IOException {
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, "{\"prompt\": \"Q: 4 plus 6?\\nA:\", \"response_a\": \" 10\","
                + " \"response_b\": \"\\t11 \", \"better_response_id\": 0, \"safer_response_id\": 1,"
                + " \"response_0\": \" 10\", \"response_1\": \"11\\n\"}\n");
        Preset generic = Presets.create("generic", Map.of("objectives", "better_response_id"), file);
        PreferenceExample pair = read(file, generic, new ArrayList<>()).get(0);
        assertEquals("Q: 4 plus 6?\nA:", pair.prompt().text());
        assertEquals(List.of(" 10", "\t11 "), List.of(pair.responseA(), pair.responseB()));
        PreferenceExample pku = read(file, Presets.create("pku-safe-rlhf", Map.of(), file), new ArrayList<>()).get(0);
        assertEquals(List.of(" 10", "11\n"), List.of(pku.responseA(), pku.responseB()));
    }

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static List<PreferenceExample> read(Path file, Preset preset, List<Rejection> rejections) throws IOException {
        List<PreferenceExample> pairs = new ArrayList<>();
        try (PairReader reader = PairReader.open(file, preset, ReadOptions.lenient().withListener(rejections::add))) {
            reader.forEachRemaining(pairs::add);
        }
        return pairs;
    }

    private static Set<Set<String>> unordered(List<PreferenceExample> pairs) {
        Set<Set<String>> out = new HashSet<>();
        pairs.forEach(p -> out.add(Set.of(p.responseA(), p.responseB())));
        return out;
    }

    private static List<String> ids(List<PreferenceExample> pairs) {
        return pairs.stream().map(PreferenceExample::id).toList();
    }
}
