package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy that produces NaN: every step is skipped and counted, and the run aborts after too many. */
class NonFiniteTest {

    @TempDir
    Path folder;

    @Test
    void nonFiniteStepsAreSkippedCountedAndAbortTheRun() throws IOException {
        Path broken = folder.resolve("broken-model");
        try (CausalLm model = CausalLm.load(TinyRun.MODEL, Device.cpu(), DataType.FLOAT32)) {
            NDArray weight = model.tensors().get(1).array();
            weight.set(new NDIndex("0"), Float.NaN);
            model.save(broken, SafetensorsDtype.F32);
        }
        TrainConfig config = TinyRun.config(TinyRun.corpus(folder, 40, 4), folder.resolve("run"))
                .model(broken).reference(TinyRun.MODEL).maxSkippedSteps(2).build();
        List<String> warnings = new ArrayList<>();
        TrainingDivergedException e;
        try (Trainer trainer = TrainingSession.open(config, false, new TrainingListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        })) {
            e = assertThrows(TrainingDivergedException.class, trainer::fit);
        }
        assertTrue(e.getMessage().contains("3 steps had non-finite losses"), e.getMessage());
        assertEquals(3, warnings.stream().filter(w -> w.contains("step skipped")).count(), warnings.toString());
        List<String> lines = Files.readAllLines(config.runtime().output().resolve("metrics.jsonl"));
        assertEquals(2, lines.size(), "the two skipped steps before the abort are logged");
        assertTrue(lines.get(1).contains("\"skipped\":true") && lines.get(1).contains("\"skipped_steps\":2"), lines.get(1));
    }
}
