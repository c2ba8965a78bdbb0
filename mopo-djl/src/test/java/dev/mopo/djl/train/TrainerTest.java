package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    @TempDir
    Path folder;

    @Test
    void logsEveryStepEvaluatesAndSavesALoadableCheckpoint() throws IOException {
        Path corpus = TinyRun.corpus(folder, 40, 1);
        TrainConfig config = TinyRun.config(corpus, folder.resolve("run")).dualInterval(3).build();
        Path last;
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {})) {
            last = trainer.fit();
        }
        List<JsonNode> steps = TinyRun.trainRecords(config.runtime().output());
        assertEquals(6, steps.size());
        JsonNode first = steps.get(0);
        for (String key : new String[] {"loss", "learning_rate", "grad_norm", "margin", "accuracy/helpful",
            "lambda/harmless", "tilt_ess", "tokens_per_second"}) {
            assertTrue(first.has(key), "metrics.jsonl lacks " + key + ": " + first);
        }
        for (JsonNode step : steps) {
            assertTrue(step.has("lambda/harmless"), "the multipliers in force are logged at every step: " + step);
        }
        JsonNode update = steps.get(config.dual().dataDualConfig().interval() - 1);
        for (String key : new String[] {"constraint/helpful", "constraint/harmless", "robust_constraint/harmless",
            "threshold/harmless", "ess", "estimate_reliable"}) {
            assertTrue(update.has(key), "the data dual's update lacks " + key + ": " + update);
        }
        assertTrue(TinyRun.records(config.runtime().output()).stream().anyMatch(r -> r.has("split")), "no evaluation record");
        assertEquals("checkpoint-000006", last.getFileName().toString());
        assertTrue(TinyRun.changedTheModel(last), "training changed nothing");
    }

    @Test
    void resumingMatchesAnUninterruptedRun() throws IOException {
        Path corpus = TinyRun.corpus(folder, 40, 2);
        TrainConfig straight = TinyRun.config(corpus, folder.resolve("straight")).dualInterval(2).build();
        try (Trainer trainer = TrainingSession.open(straight, false, new TrainingListener() {})) {
            trainer.fit();
        }
        TrainConfig interrupted = TinyRun.config(corpus, folder.resolve("interrupted")).dualInterval(2).build();
        Trainer[] running = new Trainer[1];
        try (Trainer trainer = TrainingSession.open(interrupted, false, new TrainingListener() {
            @Override
            public void onStep(StepRecord record) {
                if (record.step() == 3) {
                    running[0].requestStop();
                }
            }
        })) {
            running[0] = trainer;
            assertEquals("checkpoint-000003", trainer.fit().getFileName().toString());
        }
        try (Trainer trainer = TrainingSession.open(interrupted, true, new TrainingListener() {})) {
            trainer.fit();
        }
        List<JsonNode> expected = TinyRun.trainRecords(straight.runtime().output());
        List<JsonNode> resumed = TinyRun.trainRecords(interrupted.runtime().output());
        assertEquals(expected.size(), resumed.size());
        for (int i = 0; i < expected.size(); i++) {
            for (String key : new String[] {"loss", "lambda/harmless", "constraint/harmless", "grad_norm"}) {
                assertEquals(expected.get(i).has(key), resumed.get(i).has(key), key + " at step " + (i + 1));
                if (expected.get(i).has(key)) {
                    assertEquals(expected.get(i).get(key).asDouble(), resumed.get(i).get(key).asDouble(), 0,
                            key + " at step " + (i + 1));
                }
            }
        }
    }

    @Test
    void badInputIsRefusedBeforeAnyHeavyWork() throws IOException {
        Path corpus = TinyRun.corpus(folder, 10, 3);
        refused(TinyRun.config(corpus, folder.resolve("a")).thresholds(Map.of("honest", 0.6)).build(), "honest",
                "does not have");
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> TinyRun.config(corpus, folder.resolve("b")).thresholds(Map.of("harmless", 1.5)).build());
        assertTrue(outside.getMessage().contains("thresholds.harmless") && outside.getMessage().contains("1.5"),
                outside.getMessage());
        refused(TinyRun.config(corpus, folder.resolve("c")).model(folder.resolve("nowhere")).build(), "nowhere",
                "not a folder");
        refused(TinyRun.config(corpus, folder.resolve("d")).batchSize(64).build(), "64 pairs exceeds");
        Path readOnly = Files.createDirectory(folder.resolve("read-only"));
        readOnly.toFile().setWritable(false);
        TrainConfig unwritable = TinyRun.config(corpus, readOnly.resolve("out")).build();
        if (!readOnly.resolve("probe").toFile().canWrite() && !Files.isWritable(readOnly)) {
            refused(unwritable, "cannot write");
        }
    }

    private static void refused(TrainConfig config, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSession.open(config, false, new TrainingListener() {}).close());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention " + fragment);
        }
    }

    @Test
    void aLossWhoseObjectiveLabelsNoPairIsRefused() throws IOException {
        Path corpus = folder.resolve("ties.jsonl");
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add("{\"prompt\": \"q" + i + "\", \"response_a\": \"a" + i + "\", \"response_b\": \"b" + i
                    + "\", \"helpful\": 1, \"harmless\": 0}");
        }
        Files.write(corpus, rows);
        TrainConfig dpo = TinyRun.config(corpus, folder.resolve("dpo")).loss(LossKind.DPO).lossObjective("harmless")
                .thresholds(Map.of()).build();
        refused(dpo, "objective 'harmless' labels none of the training pairs", "loss dpo", "helpful");
        TrainConfig mopo = TinyRun.config(corpus, folder.resolve("mopo")).build();
        refused(mopo, "objective 'harmless' labels none", "loss mopo");
    }

    @Test
    void accuracyIsLeftOutForAnObjectiveThatLabelsNoPairOfTheStep() throws IOException {
        Path corpus = folder.resolve("sparse.jsonl");
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add("{\"prompt\": \"q" + i + "\", \"response_a\": \"a" + i + "\", \"response_b\": \"b" + i
                    + "\", \"helpful\": 1, \"harmless\": " + (i == 3 ? 1 : 0) + "}");
        }
        Files.write(corpus, rows);
        TrainConfig config = TinyRun.config(corpus, folder.resolve("run")).evalFraction(0).maxSteps(5).build();
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {})) {
            trainer.fit();
        }
        List<JsonNode> steps = TinyRun.trainRecords(config.runtime().output());
        assertEquals(1, steps.stream().filter(r -> r.has("accuracy/harmless")).count(),
                "in one epoch, only the step holding the one labelled pair reports its accuracy: " + steps);
        assertTrue(steps.stream().allMatch(r -> r.has("accuracy/helpful")));
    }

    @Test
    void resumeRefusesSettingsThatChangeTheRunAndKeepsTheOriginalConfig() throws IOException {
        Path corpus = TinyRun.corpus(folder, 40, 9);
        TrainConfigBuilder config = TinyRun.config(corpus, folder.resolve("run")).maxSteps(2);
        try (Trainer trainer = TrainingSession.open(config.build(), false, new TrainingListener() {})) {
            trainer.fit();
        }
        Path saved = folder.resolve("run").resolve("train_config.json");
        String original = Files.readString(saved);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingSession.open(
                config.learningRate(2e-2).maxSteps(4).build(), true, new TrainingListener() {}).close());
        assertTrue(e.getMessage().contains("learning_rate 0.01 -> 0.02") && e.getMessage().contains("max_steps 2 -> 4"),
                e.getMessage());
        Path last;
        try (Trainer trainer = TrainingSession.open(config.learningRate(1e-2).maxSteps(2).saveInterval(1).build(), true,
                new TrainingListener() {})) {
            last = trainer.fit();
        }
        assertEquals("checkpoint-000002", last.getFileName().toString(), "a finished run names its last checkpoint");
        assertEquals(original, Files.readString(saved));
    }

    @Test
    void aDamagedNewestCheckpointFallsBackToTheOneBeforeAndOldOnesArePruned() throws IOException {
        Path corpus = TinyRun.corpus(folder, 40, 10);
        TrainConfig config = TinyRun.config(corpus, folder.resolve("run")).maxSteps(6).saveInterval(2)
                .saveTotalLimit(2).build();
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {})) {
            trainer.fit();
        }
        Path run = folder.resolve("run");
        assertEquals(List.of("checkpoint-000004", "checkpoint-000006"), checkpoints(run), "save_total_limit keeps two");
        Path weights = run.resolve("checkpoint-000006").resolve("model.safetensors");
        byte[] whole = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(whole, whole.length / 2));
        List<String> warnings = new java.util.ArrayList<>();
        try (Trainer trainer = TrainingSession.open(config, true, new TrainingListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        })) {
            assertEquals("checkpoint-000006", trainer.fit().getFileName().toString(), "steps 5 and 6 are trained again");
        }
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("checkpoint-000006 is incomplete")), warnings.toString());
        List<JsonNode> steps = TinyRun.trainRecords(run);
        assertEquals(6, steps.size(), "metrics.jsonl holds each step once");
    }

    @Test
    void rowsTheReaderSkipsAreCountedBeforeTraining() throws IOException {
        Path corpus = TinyRun.corpus(folder, 40, 11);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(corpus));
        lines.add(5, "{\"prompt\": \"cut short");
        Files.write(corpus, lines);
        List<String> warnings = new java.util.ArrayList<>();
        TrainConfig config = TinyRun.config(corpus, folder.resolve("run")).maxSteps(1).build();
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        })) {
            trainer.fit();
        }
        String expected = corpus + ": 41 rows read, 40 pairs kept, 1 rejected (malformed_json: 1); the first: " + corpus
                + " row 6: malformed_json";
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith(expected)), warnings.toString());
    }

    private static List<String> checkpoints(Path run) throws IOException {
        try (var entries = Files.list(run)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("checkpoint-")).sorted()
                    .collect(java.util.stream.Collectors.toList());
        }
    }

    @Test
    void resumingWithTheLaggedReferenceAndTheRobustBoundMatchesAnUninterruptedRun() throws IOException {
        Path corpus = TinyRun.corpus(folder, 40, 11);
        TrainConfigBuilder paper = TinyRun.config(corpus, folder.resolve("straight")).maxSteps(6).ratchetPeriod(2)
                .thresholdRelaxation(0.99).epsilon(0.05).dualSolve(false).dualWindow(0).dualInterval(1);
        List<String> moves = new java.util.ArrayList<>();
        try (Trainer trainer = TrainingSession.open(paper.build(), false, new TrainingListener() {
            @Override
            public void onWarning(String message) {
                moves.add(message);
            }
        })) {
            trainer.fit();
        }
        assertEquals(3, moves.stream().filter(m -> m.contains("the reference moved")).count(), moves.toString());
        TrainConfig interrupted = paper.output(folder.resolve("interrupted")).build();
        Trainer[] running = new Trainer[1];
        try (Trainer trainer = TrainingSession.open(interrupted, false, new TrainingListener() {
            @Override
            public void onStep(StepRecord record) {
                if (record.step() == 3) {
                    running[0].requestStop();
                }
            }
        })) {
            running[0] = trainer;
            trainer.fit();
        }
        try (Trainer trainer = TrainingSession.open(interrupted, true, new TrainingListener() {})) {
            trainer.fit();
        }
        List<JsonNode> expected = TinyRun.trainRecords(folder.resolve("straight"));
        List<JsonNode> resumed = TinyRun.trainRecords(folder.resolve("interrupted"));
        assertEquals(6, resumed.size());
        for (int i = 0; i < expected.size(); i++) {
            for (String key : new String[] {"loss", "grad_norm", "lambda/harmless", "chi/harmless",
                "threshold/harmless", "robust_constraint/harmless", "ess"}) {
                assertTrue(expected.get(i).has(key), key + " at step " + (i + 1) + ": " + expected.get(i));
                assertEquals(expected.get(i).get(key).asDouble(), resumed.get(i).get(key).asDouble(), 0,
                        key + " at step " + (i + 1));
            }
        }
        assertTrue(expected.get(5).get("threshold/harmless").asDouble() != 0.55, "the threshold ratcheted");
    }
}
