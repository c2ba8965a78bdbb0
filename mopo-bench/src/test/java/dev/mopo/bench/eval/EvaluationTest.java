package dev.mopo.bench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.bench.Fixtures;
import dev.mopo.bench.score.ScorerException;
import dev.mopo.bench.score.ScorerSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole evaluation on tiny checkpoints: three prompts, two samples each, drawn at temperature 1; the
 * reference, the same checkpoint under another name, and another checkpoint; a Java and a command scorer.
 */
class EvaluationTest {

    @TempDir
    static Path dir;

    private static Path prompts;
    private static Path lengthScorer;
    private static List<PolicySpec> policies;
    private static final PolicySpec REFERENCE = new PolicySpec("reference", Fixtures.POLICY);

    @BeforeAll
    static void fixtures() throws IOException {
        prompts = Fixtures.prompts(dir.resolve("prompts.jsonl"), "the cat", "is the sky blue?", "two and two");
        lengthScorer = Fixtures.script(dir.resolve("length.sh"), "while IFS= read -r line; do",
                "  printf '{\"scores\": {\"line_length\": %d}}\\n' \"${#line}\"", "done");
        policies = List.of(new PolicySpec("same", Fixtures.POLICY), new PolicySpec("other", Fixtures.otherPolicy(dir)));
    }

    private static EvalSettings settings(long seed, Path judge) {
        return EvalSettings.builder().prompts(new PromptFile(prompts)).samples(2).sampling(new Sampling(6, 1.0, null,
                null)).seed(seed).batchSize(4).scorers(List.of(ScorerSpec.provided("concise", "concise"),
                        ScorerSpec.command("judge", List.of("/bin/sh", judge.toString())))).build();
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void writesSamplesSummaryAndAnOfflineReport() throws IOException {
        Path out = dir.resolve("plain");
        EvalSummary summary = Evaluation.run(policies, REFERENCE, settings(7, lengthScorer), out,
                new EvaluationListener() {});
        assertEquals(List.of("concise", "line_length"), summary.objectives());
        assertEquals(3 * 3 * 2, lines(out.resolve("samples.jsonl")).size());
        for (String objective : summary.objectives()) {
            assertEquals(new Estimate(0.5, 0.5, 0.5), summary.policy("reference").objectives().get(objective).winRate());
            // the same checkpoint draws with the same random numbers as the reference: every sample ties
            assertEquals(new Estimate(0.5, 0.5, 0.5), summary.policy("same").objectives().get(objective).winRate());
            assertEquals(summary.policy("reference").objectives().get(objective).mean(),
                    summary.policy("same").objectives().get(objective).mean());
        }
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("other") && html.contains("is the sky blue?"), "report");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=\"http"), "offline");
        assertEquals(1 + 3 * 2, lines(out.resolve("summary.csv")).size());
    }

    @Test
    void anInterruptedEvaluationContinuesToTheSameSummary() throws IOException {
        Path whole = dir.resolve("whole");
        Evaluation.run(policies, REFERENCE, settings(11, lengthScorer), whole, new EvaluationListener() {});

        Path resumed = dir.resolve("resumed");
        EvaluationListener crash = new EvaluationListener() {
            private int batches;

            @Override
            public void onGenerated(String policy, int done, int total) {
                if (++batches == 3) {
                    throw new IllegalStateException("interrupted");
                }
            }
        };
        assertThrows(IllegalStateException.class,
                () -> Evaluation.run(policies, REFERENCE, settings(11, lengthScorer), resumed, crash));
        assertEquals(4 + 2 + 4, lines(resumed.resolve("responses.jsonl")).size());
        Files.writeString(resumed.resolve("responses.jsonl"), "{\"policy\": \"other\", \"prompt_in",
                StandardOpenOption.APPEND);
        Evaluation.run(policies, REFERENCE, settings(11, lengthScorer), resumed, new EvaluationListener() {});

        assertEquals(Files.readString(whole.resolve("summary.json")), Files.readString(resumed.resolve("summary.json")));
        assertEquals(18, lines(resumed.resolve("responses.jsonl")).size(), "nothing generated twice");
        assertEquals(18, lines(resumed.resolve("scores").resolve("judge.jsonl")).size(), "nothing scored twice");
        assertEquals(responses(whole), responses(resumed), "same seed, same samples");

        Path reseeded = dir.resolve("reseeded");
        Evaluation.run(policies, REFERENCE, settings(12, lengthScorer), reseeded, new EvaluationListener() {});
        assertNotEquals(responses(whole), responses(reseeded));
        IllegalArgumentException changed = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.run(policies, REFERENCE, settings(13, lengthScorer), reseeded,
                        new EvaluationListener() {}));
        assertTrue(changed.getMessage().contains("seed 12 -> 13"), changed.getMessage());
    }

    @Test
    void aFailingScorerStopsTheEvaluationAndKeepsTheFinishedSamples() throws IOException {
        Path judge = Fixtures.script(dir.resolve("judge.sh"), "n=0", "while IFS= read -r line; do", "  n=$((n+1))",
                "  if [ \"$n\" -gt 5 ]; then echo 'judge crashed' >&2; exit 3; fi", "  echo '{\"score\": 1}'", "done");
        Path out = dir.resolve("failing");
        ScorerException failure = assertThrows(ScorerException.class,
                () -> Evaluation.run(policies, REFERENCE, settings(3, judge), out, new EvaluationListener() {}));
        String message = failure.getMessage();
        assertTrue(message.startsWith("scorer 'judge' (command: /bin/sh ") && message.contains("exited with status 3")
                && message.contains("before answering prompt \"") && message.contains("judge crashed")
                && message.contains("; 5 finished samples are kept in " + out.resolve("samples.jsonl")), message);
        assertEquals(1, message.lines().count());
        assertEquals(5, lines(out.resolve("samples.jsonl")).size());

        Fixtures.script(judge, "while IFS= read -r line; do echo '{\"score\": 1}'; done");
        Evaluation.run(policies, REFERENCE, settings(3, judge), out, new EvaluationListener() {});
        assertEquals(18, lines(out.resolve("samples.jsonl")).size());
        assertEquals(18, lines(out.resolve("scores").resolve("concise.jsonl")).size(), "concise not scored again");
        assertEquals(18, lines(out.resolve("responses.jsonl")).size());
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsGenerated() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-run"));
        Files.createDirectories(empty.resolve("checkpoint-000004"));
        IllegalArgumentException noWeights = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.run(List.of(new PolicySpec("trained", empty)), REFERENCE, settings(1, lengthScorer),
                        dir.resolve("refused"), new EvaluationListener() {}));
        assertEquals("policy 'trained': " + empty.toAbsolutePath().normalize() + " holds no weights (no"
                + " model.safetensors or model.safetensors.index.json); its newest checkpoint is "
                + empty.toAbsolutePath().normalize().resolve("checkpoint-000004"), noWeights.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"prompt\": \"a\"}\n{\"prompt\": 3}\n");
        EvalSettings bad = settings(1, lengthScorer).toBuilder().prompts(new PromptFile(broken)).build();
        IllegalArgumentException malformed = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.run(policies, REFERENCE, bad, dir.resolve("refused"), new EvaluationListener() {}));
        assertTrue(malformed.getMessage().startsWith(broken.toAbsolutePath() + ":2: expected {\"prompt\": \"...\"}"),
                malformed.getMessage());
        assertFalse(Files.exists(dir.resolve("refused").resolve("responses.jsonl")));
    }

    private static Map<String, String> responses(Path folder) throws IOException {
        return JsonLines.read(folder.resolve("samples.jsonl"), Sample.class).stream().collect(Collectors.toMap(
                s -> s.policy() + "/" + s.promptIndex() + "/" + s.sampleIndex(), Sample::response, (a, b) -> a,
                java.util.TreeMap::new));
    }

}
