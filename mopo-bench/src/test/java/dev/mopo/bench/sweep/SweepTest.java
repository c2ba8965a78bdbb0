package dev.mopo.bench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.bench.Fixtures;
import dev.mopo.bench.eval.CorpusPrompts;
import dev.mopo.bench.eval.EvalSettings;
import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.Sampling;
import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.StepRecord;
import dev.mopo.djl.train.Trainer;
import dev.mopo.djl.train.TrainingListener;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep's runs are named from their settings; tasks skip what is done and continue what was interrupted. */
class SweepTest {

    @TempDir
    Path dir;

    private TrainConfig base(Path corpus) {
        return TrainConfig.builder().model(Fixtures.POLICY).datasetPreset("generic").datasetPath(corpus)
                .datasetOptions(Map.of("objectives", "helpful,harmless")).chatTemplate(TemplateChoice.NONE)
                .learningRate(1e-2).batchSize(4).maxSteps(2).evalFraction(0.2).maxLength(32).maxPromptLength(16)
                .tau(0.2).output(dir.resolve("unused")).build();
    }

    private Sweep sweep(List<SweepMethod> methods, List<Long> seeds) throws IOException {
        TrainConfig base = base(Fixtures.corpus(dir.resolve("pairs.jsonl"), 40, 3));
        EvalSettings evaluation = EvalSettings.builder().prompts(CorpusPrompts.heldOut(base)).maxPrompts(2)
                .sampling(new Sampling(4, 1.0, null, null)).chatTemplate(TemplateChoice.NONE)
                .scorers(List.of(ScorerSpec.provided("concise", "concise"))).build();
        return new Sweep(base, methods, seeds, dir.resolve("sweep"), evaluation, 1);
    }

    @Test
    void runsAreNamedFromTheirSettings() throws IOException {
        Sweep sweep = sweep(List.of(SweepMethod.mopo(List.of(Map.of("harmless", 0.55), Map.of("harmless", 0.65))),
                SweepMethod.weighted(LossKind.DPO_LS, List.of(Map.of("helpful", 0.5, "harmless", 0.5))),
                new SweepMethod(LossKind.MOPO_FIXED, List.of(Map.of("harmless", 1.0))), SweepMethod.plain(LossKind.DPO)),
                List.of(1L, 2L));
        List<String> names = sweep.runs().stream().map(SweepRun::name).toList();
        assertEquals(List.of("mopo-harmless0.55-seed1", "mopo-harmless0.55-seed2", "mopo-harmless0.65-seed1",
                "mopo-harmless0.65-seed2", "dpo-ls-harmless0.5-helpful0.5-seed1", "dpo-ls-harmless0.5-helpful0.5-seed2",
                "mopo-fixed-harmless1-seed1", "mopo-fixed-harmless1-seed2", "dpo-seed1", "dpo-seed2"), names);
        assertEquals(names, sweep.runs().stream().map(SweepRun::name).toList());
        TrainConfig mopo = sweep.runs().get(2).config();
        assertEquals(LossKind.MOPO, mopo.loss().loss());
        assertEquals(Map.of("harmless", 0.65), mopo.loss().thresholds());
        assertEquals(1, mopo.runtime().seed());
        assertEquals(0.2, mopo.loss().tau(), "the base's settings carry over");
        assertEquals(dir.resolve("sweep").resolve("runs").resolve("mopo-harmless0.65-seed1").toAbsolutePath()
                .normalize(), mopo.runtime().output());
        assertEquals(Map.of("helpful", 0.5, "harmless", 0.5), sweep.runs().get(4).config().loss().lossWeights());
        assertEquals(List.of("train/mopo-harmless0.55-seed1"), sweep.tasks().stream().map(SweepTask::id).limit(1)
                .toList());
        assertEquals("eval/0-of-1", sweep.tasks().get(10).id());
        assertEquals(10, sweep.tasks().get(10).dependsOn().size());
        assertEquals(List.of("eval/0-of-1"), sweep.task("report").dependsOn());

        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> sweep(List.of(SweepMethod.plain(LossKind.DPO), SweepMethod.plain(LossKind.DPO)), List.of()).runs());
        assertTrue(twice.getMessage().contains("dpo-seed42"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SweepMethod(LossKind.DPO, List.of(Map.of("a", 1.0))));
        assertThrows(IllegalArgumentException.class, () -> SweepMethod.mopo(List.of()));
    }

    @Test
    void finishedRunsAreSkippedAndInterruptedOnesResume() throws IOException {
        Sweep sweep = sweep(List.of(SweepMethod.mopo(List.of(Map.of("harmless", 0.55))),
                SweepMethod.plain(LossKind.DPO)), List.of(1L));
        SweepRun mopo = sweep.runs().get(0);
        SweepRun dpo = sweep.runs().get(1);

        Interrupting first = new Interrupting(mopo);
        IllegalArgumentException early = assertThrows(IllegalArgumentException.class,
                () -> new LocalExecutor().execute(sweep, new SweepTaskRunner(sweep, first)));
        assertTrue(early.getMessage().contains("run mopo-harmless0.55-seed1 has not finished"), early.getMessage());
        assertEquals(RunStatus.State.PARTIAL, RunStatus.of(mopo.config()).state());
        assertEquals(RunStatus.State.FINISHED, RunStatus.of(dpo.config()).state());
        String dpoMetrics = Files.readString(dpo.folder().resolve("metrics.jsonl"));

        Recording second = new Recording();
        new LocalExecutor().execute(sweep, new SweepTaskRunner(sweep, second));
        assertEquals(List.of("train/mopo-harmless0.55-seed1: resumes from checkpoint-000001",
                "train/dpo-seed1: skipped: finished (checkpoint-000002)"), second.statuses.subList(0, 2));
        assertEquals(List.of("base", "mopo-harmless0.55-seed1", "dpo-seed1"),
                second.summary.policies().stream().map(p -> p.name()).toList());
        assertEquals(dpoMetrics, Files.readString(dpo.folder().resolve("metrics.jsonl")), "dpo was not trained again");
        String report = Files.readString(sweep.output().resolve("report.html"));
        assertTrue(report.contains("multipliers λ") && report.contains("mopo-harmless0.55-seed1 λ[harmless]"),
                "training curves");

        Path responses = sweep.shardFolder(new dev.mopo.bench.eval.Shard(0, 1)).resolve("responses.jsonl");
        long generated = Files.readAllLines(responses).size();
        String summary = Files.readString(sweep.output().resolve("summary.json"));
        Recording third = new Recording();
        new LocalExecutor().execute(sweep, new SweepTaskRunner(sweep, third));
        assertTrue(third.statuses.get(0).endsWith("skipped: finished (checkpoint-000002)"), third.statuses.toString());
        assertEquals(generated, Files.readAllLines(responses).size(), "nothing generated again");
        assertEquals(summary, Files.readString(sweep.output().resolve("summary.json")));
    }

    /** Records what the tasks say and the summary. */
    private static class Recording implements SweepListener {
        final List<String> statuses = new ArrayList<>();
        EvalSummary summary;

        @Override
        public void onTask(SweepTask task, String status) {
            statuses.add(task.id() + ": " + status);
        }

        @Override
        public void onSummary(EvalSummary written, Path report) {
            summary = written;
        }
    }

    /** Stops one run after its first step, as Ctrl-C would. */
    private static final class Interrupting extends Recording {
        private final SweepRun stopped;
        private Trainer trainer;

        Interrupting(SweepRun stopped) {
            this.stopped = stopped;
        }

        @Override
        public TrainingListener training(SweepRun run) {
            return new TrainingListener() {
                @Override
                public void onStep(StepRecord record) {
                    if (run.equals(stopped)) {
                        trainer.requestStop();
                    }
                }
            };
        }

        @Override
        public void onTrainerOpened(Trainer opened) {
            trainer = opened;
        }
    }
}
