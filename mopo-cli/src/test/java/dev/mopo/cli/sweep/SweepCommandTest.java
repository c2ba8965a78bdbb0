package dev.mopo.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.cli.MopoCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mopo sweep} from YAML files: the runs it lists, a second invocation that skips them, and file errors. */
class SweepCommandTest {

    private static final Path MODEL = Path.of("..", "mopo-djl", "src", "test", "resources", "models", "llama-gqa-tied")
            .toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /** stdout and stderr of a successful invocation. */
    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = MopoCommand.commandLine().execute(args);
            assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8)};
    }

    private static String refused(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute(args), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        return err.toString();
    }

    private Path files(String methods, String evaluation) throws IOException {
        List<String> pairs = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < 30; i++) {
            pairs.add(String.format("{\"prompt\": \"p%d q%d\", \"response_a\": \"a%d\", \"response_b\": \"bb%d\","
                    + " \"helpful\": %d, \"harmless\": %d}", i, random.nextInt(9), i, i, random.nextBoolean() ? 1 : -1,
                    random.nextBoolean() ? 1 : -1));
        }
        Files.write(dir.resolve("pairs.jsonl"), pairs);
        Files.writeString(dir.resolve("base.yaml"), "model: " + MODEL + "\ndataset_preset: generic\n"
                + "dataset_path: pairs.jsonl\ndataset_options: {objectives: 'helpful,harmless'}\nchat_template: none\n"
                + "learning_rate: 0.01\nbatch_size: 4\nmax_steps: 2\neval_fraction: 0.2\nmax_length: 32\n"
                + "max_prompt_length: 16\n");
        return Files.writeString(dir.resolve("sweep.yaml"), "base: base.yaml\nmethods:\n" + methods + "seeds: [3]\n"
                + "evaluation:\n" + evaluation);
    }

    @Test
    void aSecondInvocationSkipsTheFinishedRuns() throws IOException {
        Path sweep = files("  - loss: mopo\n    thresholds: [{harmless: 0.6}]\n",
                "  max_prompts: 2\n  max_new_tokens: 4\n  temperature: 1\n  scorers: [\"java:concise\"]\n");
        String listed = run("sweep", "--sweep", sweep.toString(), "--dry-run")[0];
        assertTrue(listed.contains("mopo-harmless0.6-seed3") && listed.contains("new") && listed.contains("report"),
                listed);

        String[] first = run("sweep", "--sweep", sweep.toString());
        assertTrue(first[1].contains("train/mopo-harmless0.6-seed3: trains from the start"), first[1]);
        assertTrue(first[0].contains("mopo-harmless0.6-seed3") && first[0].contains("report: "), first[0]);
        Path folder = dir.resolve("sweep");
        assertTrue(Files.isDirectory(folder.resolve("runs").resolve("mopo-harmless0.6-seed3").resolve("checkpoint-000002")));
        assertTrue(Files.isRegularFile(folder.resolve("report.html")));

        String[] second = run("sweep", "--sweep", sweep.toString());
        assertTrue(second[1].contains("train/mopo-harmless0.6-seed3: skipped: finished (checkpoint-000002)"), second[1]);
        assertTrue(run("sweep", "--sweep", sweep.toString(), "--dry-run")[0].contains("finished (checkpoint-000002)"));
        assertTrue(run("sweep", "run-task", "--sweep", sweep.toString(), "--task", "report")[0].contains("report: "));
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

        Path noScorer = files("  - loss: dpo\n", "  samples: 2\n");
        assertTrue(refused("sweep", "--sweep", noScorer.toString(), "--dry-run")
                .contains("evaluation: scorers: give at least one scorer"));
    }
}
