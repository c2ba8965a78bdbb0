package dev.mopo.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.cli.MopoCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mopo sweep} from YAML files: the runs it lists, a second invocation that skips them, and file errors. */
class SweepCommandTest {

    @TempDir
    Path dir;

    private static String refused(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute(args), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        return err.toString();
    }

    private Path files(String methods, String evaluation) throws IOException {
        TestSweeps.base(dir, 2, "");
        return Files.writeString(dir.resolve("sweep.yaml"), "base: base.yaml\nmethods:\n" + methods + "seeds: [3]\n"
                + "evaluation:\n" + evaluation);
    }

    @Test
    void aSecondInvocationSkipsTheFinishedRuns() throws IOException {
        Path sweep = files("  - loss: mopo\n    thresholds: [{harmless: 0.6}]\n",
                "  max_prompts: 2\n  max_new_tokens: 4\n  temperature: 1\n  scorers: [\"java:concise\"]\n");
        String listed = TestSweeps.run("sweep", "--sweep", sweep.toString(), "--dry-run")[0];
        assertTrue(listed.contains("mopo-harmless0.6-seed3") && listed.contains("new") && listed.contains("report"),
                listed);

        String[] first = TestSweeps.run("sweep", "--sweep", sweep.toString());
        assertTrue(first[1].contains("train/mopo-harmless0.6-seed3: trains from the start"), first[1]);
        assertTrue(first[0].contains("mopo-harmless0.6-seed3") && first[0].contains("report: "), first[0]);
        Path folder = dir.resolve("sweep");
        assertTrue(Files.isDirectory(folder.resolve("runs").resolve("mopo-harmless0.6-seed3").resolve("checkpoint-000002")));
        assertTrue(Files.isRegularFile(folder.resolve("report.html")));

        String[] second = TestSweeps.run("sweep", "--sweep", sweep.toString());
        assertTrue(second[1].contains("train/mopo-harmless0.6-seed3: skipped: finished (checkpoint-000002)"), second[1]);
        assertTrue(TestSweeps.run("sweep", "--sweep", sweep.toString(), "--dry-run")[0]
                .contains("finished (checkpoint-000002)"));
        assertTrue(TestSweeps.run("sweep", "run-task", "--sweep", sweep.toString(), "--task", "report")[0]
                .contains("report: "));
        String status = TestSweeps.run("sweep", "status", "--sweep", sweep.toString())[0];
        assertTrue(status.contains("train/mopo-harmless0.6-seed3                  done      checkpoint-000002")
                && status.contains("3 tasks: 3 done"), status);
        String slurm = TestSweeps.run("sweep", "--sweep", sweep.toString(), "--executor", "slurm", "--dry-run")[0];
        assertTrue(slurm.contains("0 of 1 runs to train, 0 of 1 evaluation shards to run; the report is written"),
                slurm);
        String unknown = refused("sweep", "run-task", "--sweep", sweep.toString(), "--task", "train/dpo");
        assertTrue(unknown.contains("no task 'train/dpo'") && unknown.contains("train/mopo-harmless0.6-seed3"), unknown);
    }

    @Test
    void fileErrorsNameTheFileAndTheKey() throws IOException {
        Path typo = files("  - loss: dpo\n", "  sample: 2\n  scorers: [\"java:concise\"]\n");
        String sample = refused("sweep", "--sweep", typo.toString(), "--dry-run");
        assertTrue(sample.contains(typo + ": unknown key 'evaluation.sample' (did you mean 'samples'?)"), sample);

        Path wrong = files("  - loss: dpo\n    thresholds: [{harmless: 0.6}]\n", "  scorers: [\"java:concise\"]\n");
        String thresholds = refused("sweep", "--sweep", wrong.toString(), "--dry-run");
        assertTrue(thresholds.contains("methods[0]: loss dpo takes no points, not thresholds"), thresholds);

        Path loss = files("  - loss: mopo-ls\n", "  scorers: [\"java:concise\"]\n");
        String kind = refused("sweep", "--sweep", loss.toString(), "--dry-run");
        assertTrue(kind.contains("key 'methods[0].loss' cannot take the value 'mopo-ls'") && kind.contains("dpo-ls"),
                kind);

        Path memory = Files.writeString(files("  - loss: dpo\n", "  scorers: [\"java:concise\"]\n"),
                "slurm: {memory: 64 GB}\n", StandardOpenOption.APPEND);
        String size = refused("sweep", "--sweep", memory.toString(), "--executor", "slurm", "--dry-run");
        assertTrue(size.contains(memory + ": slurm.memory: '64 GB' is not a size; write e.g. 32G"), size);
        assertTrue(refused("sweep", "--sweep", memory.toString(), "--executor", "kubernetes")
                .contains("--executor: 'kubernetes' is not an executor; choose local or slurm"));

        Path noScorer = files("  - loss: dpo\n", "  samples: 2\n");
        assertTrue(refused("sweep", "--sweep", noScorer.toString(), "--dry-run")
                .contains("evaluation: scorers: give at least one scorer"));
    }
}
