package dev.mopo.bench.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.mopo.bench.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of scorer against what it must compute, and each failure of a command as one clear message. */
class ScorersTest {

    private static final ScorerContext CONTEXT = new ScorerContext(Device.cpu(), 2);
    private static final List<ScoreRequest> REQUESTS = List.of(new ScoreRequest("is the sky blue?", "yes, it is."),
            new ScoreRequest("is the sky blue?", "no."), new ScoreRequest("what is two plus two?", " four!"));

    @TempDir
    Path dir;

    @Test
    void aRewardModelScoresAsTransformers() throws IOException {
        Path rm = Fixtures.rewardModel(dir);
        ScorerSpec spec = ScorerSpec.rewardModel("helpful", rm, null);
        spec.check();
        try (Scorer scorer = spec.open(CONTEXT)) {
            Map<String, double[]> scores = scorer.score(REQUESTS);
            assertEquals(List.of("helpful"), List.copyOf(scores.keySet()));
            assertArrayEquals(new double[] {-0.8381487, -1.1864576, -0.2132449}, scores.get("helpful"), 1e-4);
        }
        try (Scorer scorer = ScorerSpec.rewardModel("by-label", rm, "LABEL_0").open(CONTEXT)) {
            assertEquals(-0.2132449, scorer.score(REQUESTS.subList(2, 3)).get("by-label")[0], 1e-4);
        }
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> ScorerSpec.rewardModel("h", rm, "harmless").open(CONTEXT));
        assertTrue(wrong.getMessage().contains("label 'harmless'") && wrong.getMessage().contains("LABEL_0"),
                wrong.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ScorerSpec.rewardModel("h", dir.resolve("absent"), null).check());
        assertTrue(missing.getMessage().startsWith("scorer 'h': ") && missing.getMessage().contains("not a folder"),
                missing.getMessage());
    }

    @Test
    void javaScorersAreFoundOnTheClassPath() throws IOException {
        assertTrue(ScorerProviders.all().keySet().containsAll(List.of("concise", "test-words")),
                ScorerProviders.all().keySet().toString());
        try (Scorer concise = ScorerSpec.provided("short", "concise").open(CONTEXT);
                Scorer words = ScorerSpec.provided("words", "test-words").open(CONTEXT)) {
            assertArrayEquals(new double[] {-11, -3, -6}, concise.score(REQUESTS).get("short"));
            assertArrayEquals(new double[] {3, 1, 1}, words.score(REQUESTS).get("words"));
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ScorerSpec.provided("x", "consise").check());
        assertTrue(unknown.getMessage().contains("no Java scorer with the id 'consise'")
                && unknown.getMessage().contains("concise"), unknown.getMessage());
    }

    @Test
    void aCommandAnswersJsonLines() throws IOException {
        Path named = Fixtures.script(dir.resolve("named.sh"), "n=0", "while IFS= read -r line; do",
                "  n=$((n+1))", "  printf '{\"scores\": {\"order\": %d, \"answered\": 1}}\\n' \"$n\"", "done");
        try (Scorer scorer = ScorerSpec.command("judge", List.of("/bin/sh", named.toString())).open(CONTEXT)) {
            Map<String, double[]> scores = scorer.score(REQUESTS);
            assertEquals(List.of("order", "answered"), List.copyOf(scores.keySet()));
            assertArrayEquals(new double[] {1, 2, 3}, scores.get("order"));
            assertArrayEquals(new double[] {4}, scorer.score(REQUESTS.subList(0, 1)).get("order"));
        }
        Path single = Fixtures.script(dir.resolve("single.sh"), "while IFS= read -r line; do",
                "  case \"$line\" in *'\"response\":\"no.\"'*) echo '{\"score\": -1}';; *) echo '{\"score\": 0.5}';; esac",
                "done");
        try (Scorer scorer = ScorerSpec.command("judge", List.of("/bin/sh", single.toString())).open(CONTEXT)) {
            assertArrayEquals(new double[] {0.5, -1, 0.5}, scorer.score(REQUESTS).get("judge"));
        }
    }

    @Test
    void aCommandThatFailsIsOneLineNamingTheScorerAndTheRequest() throws IOException {
        String exits = failure("exits.sh", "n=0", "while IFS= read -r line; do", "  n=$((n+1))",
                "  if [ \"$n\" -gt 1 ]; then echo 'judge crashed' >&2; exit 3; fi", "  echo '{\"score\": 1}'", "done");
        assertTrue(exits.contains("scorer 'judge' (command: /bin/sh ") && exits.contains("exited with status 3")
                && exits.contains("before answering prompt \"is the sky blue?\", response \"no.\"")
                && exits.contains("judge crashed"), exits);
        String notJson = failure("text.sh", "while IFS= read -r line; do echo 'score: 1'; done");
        assertTrue(notJson.contains("answered \"score: 1\" to prompt \"is the sky blue?\", response \"yes, it is.\": not"
                + " JSON"), notJson);
        String noKey = failure("nokey.sh", "while IFS= read -r line; do echo '{\"value\": 1}'; done");
        assertTrue(noKey.contains("expected {\"score\": NUMBER} or {\"scores\""), noKey);
        String lostKey = failure("lost.sh", "n=0", "while IFS= read -r line; do", "  n=$((n+1))",
                "  if [ \"$n\" -eq 1 ]; then echo '{\"scores\": {\"a\": 1, \"b\": 2}}';"
                        + " else echo '{\"scores\": {\"a\": 1}}'; fi", "done");
        assertTrue(lostKey.contains("the key 'b' of the first reply is missing") && lostKey.contains("response \"no.\""),
                lostKey);
        for (String message : List.of(exits, notJson, noKey, lostKey)) {
            assertEquals(1, message.lines().count(), message);
        }
        Path silent = Fixtures.script(dir.resolve("silent.sh"), "while IFS= read -r line; do :; done");
        try (CommandScorer scorer = CommandScorer.start("judge", List.of("/bin/sh", silent.toString()),
                Duration.ofMillis(300))) {
            ScorerException slow = assertThrows(ScorerException.class, () -> scorer.score(REQUESTS));
            assertTrue(slow.getMessage().contains("gave no reply within 0 s") && slow.getMessage().contains("flush"),
                    slow.getMessage());
        }
        ScorerException absent = assertThrows(ScorerException.class,
                () -> ScorerSpec.command("judge", List.of(dir.resolve("no-such-program").toString())).open(CONTEXT));
        assertTrue(absent.getMessage().contains("cannot be started"), absent.getMessage());
    }

    private String failure(String file, String... body) throws IOException {
        Path script = Fixtures.script(dir.resolve(file), body);
        try (Scorer scorer = ScorerSpec.command("judge", List.of("/bin/sh", script.toString())).open(CONTEXT)) {
            return assertThrows(ScorerException.class, () -> scorer.score(REQUESTS)).getMessage();
        }
    }
}
