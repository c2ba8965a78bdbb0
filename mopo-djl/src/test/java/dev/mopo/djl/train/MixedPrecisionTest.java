package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.Precision;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import dev.mopo.djl.train.optim.LossScaler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fp16 training on CPU: fp16 compute, fp32 masters, dynamic loss scaling, fp32 checkpoints, exact resume. */
class MixedPrecisionTest {

    @TempDir
    Path folder;

    private TrainConfigBuilder fp16(Path corpus, String run) {
        return TinyRun.config(corpus, folder.resolve(run)).precision(Precision.FP16).loss(LossKind.MOPO_REGRESSION);
    }

    @Test
    void trainsLogsTheLossScaleAndSavesAnFp32Checkpoint() throws IOException {
        TrainConfig config = fp16(TinyRun.corpus(folder, 40, 5), "run").maxSteps(12).batchSize(2)
                .gradientAccumulation(2).build();
        Path last;
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {})) {
            last = trainer.fit();
        }
        List<JsonNode> steps = TinyRun.trainRecords(config.runtime().output());
        assertEquals(12, steps.size());
        int updates = 0;
        for (JsonNode step : steps) {
            assertTrue(step.has("loss_scale"), "metrics.jsonl lacks loss_scale: " + step);
            assertTrue(Double.isFinite(step.get("loss").asDouble()), step.toString());
            assertEquals(0, step.get("skipped_steps").asInt(), step.toString());
            if (!step.has("overflow")) {
                updates++;
                assertTrue(Double.isFinite(step.get("grad_norm").asDouble()), step.toString());
            }
        }
        assertTrue(updates > 0, "the loss scale never came down far enough for an update: " + steps);
        try (Checkpoint checkpoint = Checkpoint.open(last)) {
            for (String name : checkpoint.names()) {
                assertEquals(SafetensorsDtype.F32, checkpoint.info(name).orElseThrow().dtype(), name);
            }
        }
        assertTrue(TinyRun.changedTheModel(last), "training changed nothing");
    }

    @Test
    void overflowsSkipTheStepHalveTheScaleAndAreNotCountedAsNonFinite() throws IOException {
        TrainConfig config = fp16(TinyRun.corpus(folder, 40, 6), "run").maxSteps(16).maxSkippedSteps(0).build();
        double initial = Math.pow(2, 20);
        int interval = 1;
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {},
                new LossScaler(initial, interval))) {
            trainer.fit();
        }
        List<JsonNode> steps = TinyRun.trainRecords(config.runtime().output());
        assertEquals(16, steps.size());
        assertTrue(steps.get(0).get("overflow").asBoolean(), "2^20 should overflow fp16 gradients");
        double expected = initial;
        int good = 0;
        boolean grew = false;
        for (JsonNode step : steps) {
            assertEquals(expected, step.get("loss_scale").asDouble(), step.toString());
            assertEquals(0, step.get("skipped_steps").asInt(), step.toString());
            if (step.has("overflow")) {
                assertTrue(step.get("skipped").asBoolean());
                assertFalse(step.has("grad_norm"));
                expected /= 2;
                good = 0;
            } else if (++good == interval) {
                expected *= 2;
                good = 0;
                grew = true;
            }
        }
        assertTrue(grew, "the scale never grew after " + interval + " good step");
    }

    /** A scaler that overflows now and then on the tiny model, growing after two good steps. */
    private static LossScaler scaler() {
        return new LossScaler(2048, 2);
    }

    @Test
    void resumingMatchesAnUninterruptedRun() throws IOException {
        Path corpus = TinyRun.corpus(folder, 40, 7);
        TrainConfig straight = fp16(corpus, "straight").maxSteps(10).dualInterval(2).build();
        try (Trainer trainer = TrainingSession.open(straight, false, new TrainingListener() {}, scaler())) {
            trainer.fit();
        }
        TrainConfig interrupted = fp16(corpus, "interrupted").maxSteps(10).dualInterval(2).build();
        Trainer[] running = new Trainer[1];
        try (Trainer trainer = TrainingSession.open(interrupted, false, new TrainingListener() {
            @Override
            public void onStep(StepRecord record) {
                if (record.step() == 5) {
                    running[0].requestStop();
                }
            }
        }, scaler())) {
            running[0] = trainer;
            assertEquals("checkpoint-000005", trainer.fit().getFileName().toString());
        }
        try (Trainer trainer = TrainingSession.open(interrupted, true, new TrainingListener() {}, scaler())) {
            trainer.fit();
        }
        List<JsonNode> expected = TinyRun.trainRecords(straight.runtime().output());
        List<JsonNode> resumed = TinyRun.trainRecords(interrupted.runtime().output());
        assertEquals(expected.size(), resumed.size());
        for (List<JsonNode> half : List.of(expected.subList(0, 5), expected.subList(5, 10))) {
            assertTrue(half.stream().anyMatch(r -> r.has("overflow")) && half.stream().anyMatch(r -> r.has("grad_norm")),
                    "each half of the run should hold overflows and updates: " + half);
        }
        for (int i = 0; i < expected.size(); i++) {
            for (String key : new String[] {"loss", "loss_scale", "lambda/harmless", "win_rate/harmless", "grad_norm"}) {
                assertEquals(expected.get(i).has(key), resumed.get(i).has(key), key + " at step " + (i + 1));
                if (expected.get(i).has(key)) {
                    assertEquals(expected.get(i).get(key).asDouble(), resumed.get(i).get(key).asDouble(), 0,
                            key + " at step " + (i + 1));
                }
            }
        }
    }

    @Test
    void anFp32CheckpointIsNotResumedInFp16() throws IOException {
        TrainConfigBuilder config = TinyRun.config(TinyRun.corpus(folder, 40, 8), folder.resolve("run")).maxSteps(2);
        try (Trainer trainer = TrainingSession.open(config.build(), false, new TrainingListener() {})) {
            trainer.fit();
        }
        TrainConfig fp16 = config.precision(Precision.FP16).maxSteps(4).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSession.open(fp16, true, new TrainingListener() {}).close());
        assertTrue(e.getMessage().contains("precision fp32 -> fp16"), e.getMessage());
    }
}
