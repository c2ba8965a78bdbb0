package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fp16 training on CPU: fp16 compute, fp32 masters, dynamic loss scaling, fp32 checkpoints, exact resume. */
class MixedPrecisionTest {

    @TempDir
    Path folder;

    private TrainConfig fp16(Path corpus, String run) {
        TrainConfig config = TinyRun.config(corpus, folder.resolve(run));
        config.precision = "fp16";
        return config;
    }

    @Test
    void trainsLogsTheLossScaleAndSavesAnFp32Checkpoint() throws IOException {
        TrainConfig config = fp16(TinyRun.corpus(folder, 40, 5), "run");
        config.maxSteps = 12;
        config.batchSize = 2;
        config.gradientAccumulation = 2;
        Path last;
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {})) {
            last = trainer.fit();
        }
        List<JsonObject> steps = TinyRun.trainRecords(config.output);
        assertEquals(12, steps.size());
        int updates = 0;
        for (JsonObject step : steps) {
            assertTrue(step.has("loss_scale"), "metrics.jsonl lacks loss_scale: " + step);
            assertTrue(Double.isFinite(step.get("loss").getAsDouble()), step.toString());
            assertEquals(0, step.get("skipped_steps").getAsInt(), step.toString());
            if (!step.has("overflow")) {
                updates++;
                assertTrue(Double.isFinite(step.get("grad_norm").getAsDouble()), step.toString());
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
        TrainConfig config = fp16(TinyRun.corpus(folder, 40, 6), "run");
        config.maxSteps = 16;
        config.maxSkippedSteps = 0;
        double initial = Math.pow(2, 20);
        int interval = 1;
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {},
                new LossScaler(initial, interval))) {
            trainer.fit();
        }
        List<JsonObject> steps = TinyRun.trainRecords(config.output);
        assertEquals(16, steps.size());
        assertTrue(steps.get(0).get("overflow").getAsBoolean(), "2^20 should overflow fp16 gradients");
        double expected = initial;
        int good = 0;
        boolean grew = false;
        for (JsonObject step : steps) {
            assertEquals(expected, step.get("loss_scale").getAsDouble(), step.toString());
            assertEquals(0, step.get("skipped_steps").getAsInt(), step.toString());
            if (step.has("overflow")) {
                assertTrue(step.get("skipped").getAsBoolean());
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
        TrainConfig straight = fp16(corpus, "straight");
        straight.maxSteps = 10;
        try (Trainer trainer = TrainingSession.open(straight, false, new TrainingListener() {}, scaler())) {
            trainer.fit();
        }
        TrainConfig interrupted = fp16(corpus, "interrupted");
        interrupted.maxSteps = 10;
        Trainer[] running = new Trainer[1];
        try (Trainer trainer = TrainingSession.open(interrupted, false, new TrainingListener() {
            @Override
            public void onStep(long step, Map<String, Object> metrics) {
                if (step == 5) {
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
        List<JsonObject> expected = TinyRun.trainRecords(straight.output);
        List<JsonObject> resumed = TinyRun.trainRecords(interrupted.output);
        assertEquals(expected.size(), resumed.size());
        for (List<JsonObject> half : List.of(expected.subList(0, 5), expected.subList(5, 10))) {
            assertTrue(half.stream().anyMatch(r -> r.has("overflow")) && half.stream().anyMatch(r -> r.has("grad_norm")),
                    "each half of the run should hold overflows and updates: " + half);
        }
        for (int i = 0; i < expected.size(); i++) {
            for (String key : new String[] {"loss", "loss_scale", "lambda/harmless", "win_rate/harmless", "grad_norm"}) {
                assertEquals(expected.get(i).has(key), resumed.get(i).has(key), key + " at step " + (i + 1));
                if (expected.get(i).has(key)) {
                    assertEquals(expected.get(i).get(key).getAsDouble(), resumed.get(i).get(key).getAsDouble(), 0,
                            key + " at step " + (i + 1));
                }
            }
        }
    }

    @Test
    void anFp32CheckpointIsNotResumedInFp16() throws IOException {
        TrainConfig config = TinyRun.config(TinyRun.corpus(folder, 40, 8), folder.resolve("run"));
        config.maxSteps = 2;
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {})) {
            trainer.fit();
        }
        config.precision = "fp16";
        config.maxSteps = 4;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSession.open(config, true, new TrainingListener() {}).close());
        assertTrue(e.getMessage().contains("trained in fp32"), e.getMessage());
    }
}
