package dev.mopo.bench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.bench.Fixtures;
import dev.mopo.bench.eval.CorpusPrompts;
import dev.mopo.bench.eval.EvalSettings;
import dev.mopo.bench.eval.Sampling;
import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLURM executor against a scheduler that records what it is given: scripts, dependencies, resubmission, status. */
class SlurmExecutorTest {

    private static final List<String> COMMAND = List.of("/opt/java/bin/java", "-Xmx2g", "-cp", "/shared/mopo.jar",
            "dev.mopo.cli.MopoCommand");
    private static final SlurmResources RESOURCES = new SlurmResources("gpu", 1, 8, "64G", "12:00:00",
            List.of("--account=nlp"));

    @TempDir
    Path dir;

    private Sweep sweep() throws IOException {
        return sweep(dir.resolve("front"));
    }

    private Sweep sweep(Path output) throws IOException {
        TrainConfig base = TrainConfig.builder().model(Fixtures.POLICY).datasetPreset("generic")
                .datasetPath(Fixtures.corpus(dir.resolve("pairs.jsonl"), 40, 3))
                .datasetOptions(Map.of("objectives", "helpful,harmless")).chatTemplate(TemplateChoice.NONE)
                .learningRate(1e-2).batchSize(4).maxSteps(2).evalFraction(0.2).maxLength(32).maxPromptLength(16)
                .output(dir.resolve("unused")).build();
        EvalSettings evaluation = EvalSettings.builder().prompts(CorpusPrompts.heldOut(base)).maxPrompts(2)
                .sampling(new Sampling(4, 1.0, null, null)).chatTemplate(TemplateChoice.NONE)
                .scorers(List.of(ScorerSpec.provided("concise", "concise"))).build();
        return new Sweep(base, List.of(SweepMethod.mopo(List.of(Map.of("harmless", 0.55))),
                SweepMethod.plain(LossKind.DPO)), List.of(1L), output, evaluation, 2);
    }

    private String execute(Sweep sweep, Recording slurm, boolean dryRun) throws IOException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new SlurmExecutor(dir.resolve("sweep.yaml"), COMMAND, RESOURCES, slurm,
                new PrintStream(printed, true, StandardCharsets.UTF_8), dryRun)
                .execute(sweep, new SweepTaskRunner(sweep, new SweepListener() {}));
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void threeChainedArraysRunTheTasksWithTheirResources() throws IOException {
        Sweep sweep = sweep();
        Recording slurm = new Recording();
        String dryRun = execute(sweep, slurm, true);
        assertTrue(slurm.scripts.isEmpty() && !Files.exists(SlurmExecutor.folder(sweep)), "nothing submitted");
        assertTrue(dryRun.contains("#SBATCH --dependency=afterok:<job id of the train array>"), dryRun);

        String submitted = execute(sweep, slurm, false);
        assertTrue(submitted.contains("submitted eval job 101 (2 tasks, after job 100)"), submitted);
        assertEquals(3, slurm.scripts.size());
        String train = slurm.scripts.get(0);
        for (String line : List.of("#SBATCH --array=0,1", "#SBATCH --partition=gpu", "#SBATCH --cpus-per-task=8",
                "#SBATCH --gres=gpu:1", "#SBATCH --mem=64G", "#SBATCH --time=12:00:00", "#SBATCH --account=nlp",
                "tasks=('train/mopo-harmless0.55-seed1' 'train/dpo-seed1')",
                "exec '/opt/java/bin/java' '-Xmx2g' '-cp' '/shared/mopo.jar' 'dev.mopo.cli.MopoCommand' 'sweep'"
                        + " 'run-task' '--sweep' '" + dir.resolve("sweep.yaml") + "' '--task' \"$task\" >> \"$log\" 2>&1")) {
            assertTrue(train.lines().anyMatch(line::equals), line + " in\n" + train);
        }
        assertFalse(train.contains("--dependency"), train);
        assertTrue(slurm.scripts.get(1).contains("#SBATCH --dependency=afterok:100\n#SBATCH --kill-on-invalid-dep=yes"));
        assertTrue(slurm.scripts.get(1).contains("tasks=('eval/0-of-2' 'eval/1-of-2')"));
        String report = slurm.scripts.get(2);
        assertTrue(report.contains("--dependency=afterok:101") && report.contains("--cpus-per-task=1")
                && !report.contains("--gres"), report);
        String[] printed = dryRun.replace("<job id of the train array>", "100")
                .replace("<job id of the eval array>", "101").split("---- [a-z]+ job \\(\\d tasks?\\) ----\n");
        assertEquals(slurm.scripts, List.of(printed).subList(1, printed.length), "--dry-run prints what is submitted");
        assertEquals(Map.of("train/mopo-harmless0.55-seed1", "100_0", "train/dpo-seed1", "100_1",
                "eval/0-of-2", "101_0", "eval/1-of-2", "101_1", "report", "102_0"),
                SubmittedJobs.read(SlurmExecutor.folder(sweep)));

        slurm.queue.put("101_1", "PENDING");
        IllegalArgumentException queued = assertThrows(IllegalArgumentException.class,
                () -> execute(sweep, slurm, false));
        assertTrue(queued.getMessage().contains("still queued or running: eval/1-of-2 (101_1)"), queued.getMessage());
    }

    @Test
    void statusReadsTheFoldersAndTheSchedulerAndResubmissionSkipsFinishedRuns() throws IOException {
        Sweep sweep = sweep();
        Recording slurm = new Recording();
        execute(sweep, slurm, false);
        new SweepTaskRunner(sweep, new SweepListener() {}).run(sweep.tasks().get(0));
        slurm.queue.put("100_1", "RUNNING");
        slurm.queue.put("101_0", "PENDING");
        slurm.accounting.put("101_1", "CANCELLED");
        List<String> statuses = SweepStatus.of(sweep, slurm).stream()
                .map(s -> s.task() + " " + s.state() + " " + s.detail()).toList();
        Path logs = SlurmExecutor.logs(sweep);
        assertEquals(List.of("train/mopo-harmless0.55-seed1 DONE checkpoint-000002",
                "train/dpo-seed1 RUNNING job 100_1 running",
                "eval/0-of-2 PENDING job 101_0 pending",
                "eval/1-of-2 FAILED job 101_1 cancelled without finishing; log: " + logs.resolve("eval-1-of-2.log"),
                "report FAILED job 102_0 ended without finishing; log: " + logs.resolve("report.log")), statuses);

        slurm.queue.clear();
        String again = execute(sweep, slurm, false);
        assertTrue(again.contains("1 of 2 runs to train"), again);
        assertTrue(slurm.scripts.get(3).contains("#SBATCH --array=1\n"), slurm.scripts.get(3));
        assertEquals("103_1", SubmittedJobs.read(SlurmExecutor.folder(sweep)).get("train/dpo-seed1"));
    }

    @Test
    void anOutputFolderWithASpaceIsRefusedBeforeAnythingIsSubmitted() throws IOException {
        Recording slurm = new Recording();
        IllegalArgumentException space = assertThrows(IllegalArgumentException.class,
                () -> execute(sweep(dir.resolve("my front")), slurm, false));
        assertTrue(space.getMessage().contains("holds a space or a %, which sbatch's --output cannot take"),
                space.getMessage());
        assertTrue(slurm.scripts.isEmpty());
    }

    @Test
    void badResourcesNameTheKeyAndTheForm() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmResources(null, 0, 1, "64 GB", null,
                List.of())).getMessage().contains("slurm.memory: '64 GB' is not a size; write e.g. 32G"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmResources(null, 0, 1, null, "12h",
                List.of())).getMessage().contains("slurm.time: '12h' is not a time limit"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmResources(null, 0, 0, null, null,
                List.of())).getMessage().contains("slurm.cpus must be >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmResources(null, 0, 1, null, null,
                List.of("--account nlp"))).getMessage().contains("write each as --name=value"));
        assertEquals("'it'\\''s'", SlurmJob.quote("it's"));
    }

    /** A scheduler that hands out job ids from 100 and answers from its maps. */
    private static final class Recording implements Slurm {
        final List<String> scripts = new ArrayList<>();
        final Map<String, String> queue = new HashMap<>();
        final Map<String, String> accounting = new HashMap<>();

        @Override
        public String submit(String script) {
            scripts.add(script);
            return String.valueOf(99 + scripts.size());
        }

        @Override
        public Optional<Map<String, String>> queue() {
            return Optional.of(queue);
        }

        @Override
        public Map<String, String> accounting(Collection<String> jobIds) {
            return accounting;
        }
    }
}
