package dev.mopo.cli.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mopo eval} through the command line: its results, and every bad input as one line with exit code 2. */
class EvalCommandTest {

    private static final Path MODEL = Path.of("..", "mopo-djl", "src", "test", "resources", "models", "llama-gqa-tied");

    @TempDir
    static Path dir;

    private static Path prompts;

    @BeforeAll
    static void promptFile() throws IOException {
        prompts = Files.writeString(dir.resolve("prompts.jsonl"), "{\"prompt\": \"the cat\"}\n\n"
                + "{\"prompt\": \"is the sky blue?\", \"id\": 2}\n");
    }

    private static List<String> args(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("eval", "--policy", "twin=" + MODEL, "--reference", MODEL.toString(),
                "--prompts", prompts.toString(), "--samples", "2", "--temperature", "1", "--max-new-tokens", "4",
                "--batch-size", "3", "--output", out.toString(), "--scorer", "java:concise"));
        args.addAll(List.of(more));
        return args;
    }

    private static String run(List<String> args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, MopoCommand.commandLine().execute(args.toArray(String[]::new)));
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String refused(List<String> args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = MopoCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertEquals(2, commandLine.execute(args.toArray(String[]::new)), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        return err.toString();
    }

    private static Path script(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    @Test
    void evaluatesAndPrintsTheResults() throws IOException {
        Path out = dir.resolve("run");
        Path judge = script("judge.sh", "while IFS= read -r line; do echo \"{\\\"scores\\\": {\\\"$1\\\": 1}}\"; done");
        String printed = run(args(out, "--scorer", "judge=command:/bin/sh '" + judge + "' \"constant one\""));
        assertTrue(printed.contains("twin") && printed.contains("concise") && printed.contains("constant one")
                && printed.contains("report: " + out.resolve("report.html")), printed);
        assertEquals(2 * 2 * 2, Files.readAllLines(out.resolve("samples.jsonl")).size());
        assertTrue(Files.readString(out.resolve("summary.csv")).contains("twin,constant one,1.0,1.0,1.0,0.5,0.5,0.5,true"));
    }

    @Test
    void shardsMergeIntoTheSummaryOfOneProcess() throws IOException {
        Path whole = dir.resolve("whole");
        Path sharded = dir.resolve("sharded");
        run(batchesOfOne(args(whole)));
        String first = run(batchesOfOne(args(sharded, "--shard", "2/3")));
        assertTrue(first.contains("1 of 3 shards have finished") && !Files.exists(sharded.resolve("summary.json")),
                first);
        run(batchesOfOne(args(sharded, "--shard", "0/3")));
        String last = run(batchesOfOne(args(sharded, "--shard", "1/3")));
        assertTrue(last.contains("report: " + sharded.resolve("report.html")), last);
        assertEquals(2 * 2, Files.readAllLines(sharded.resolve("shards").resolve("0-of-3").resolve("samples.jsonl")).size(),
                "4 batches of one response per policy: shard 0 takes batches 0 and 3 of both");
        assertEquals(Files.readString(whole.resolve("summary.json")), Files.readString(sharded.resolve("summary.json")));
        assertEquals(Files.readString(whole.resolve("summary.csv")), Files.readString(sharded.resolve("summary.csv")));

        assertTrue(refused(args(sharded, "--shard", "3/3")).contains("--shard: shard 3 of 3: need 0 <= index < count"));
        assertTrue(refused(args(sharded, "--shard", "1-of-3")).contains("--shard: shard '1-of-3': write it I/N"));
    }

    /** {@code args} generating one response per batch, so that shards split the work. */
    private static List<String> batchesOfOne(List<String> args) {
        args.set(args.indexOf("--batch-size") + 1, "1");
        return args;
    }

    @Test
    void badInputIsOneLineAndKeepsTheFinishedSamples() throws IOException {
        Path out = dir.resolve("kept");
        run(args(out));
        List<String> finished = Files.readAllLines(out.resolve("samples.jsonl"));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        String noWeights = refused(args(out, "--policy", "trained=" + empty));
        assertTrue(noWeights.contains("mopo: policy 'trained': ") && noWeights.contains("holds no weights"), noWeights);

        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"prompt\": \"a\"}\n{\"prompt\": \"b\"\n");
        List<String> brokenArgs = args(dir.resolve("other"));
        brokenArgs.set(brokenArgs.indexOf(prompts.toString()), broken.toString());
        assertTrue(refused(brokenArgs).contains(broken.toAbsolutePath() + ":2: not valid JSON"));

        Path exits = script("exits.sh", "read -r line; echo '{\"score\": 1}'; echo 'out of memory' >&2; exit 4");
        Path crashed = dir.resolve("crashed");
        String exited = refused(args(crashed, "--scorer", "judge=command:/bin/sh " + exits));
        assertTrue(exited.contains("scorer 'judge'") && exited.contains("exited with status 4")
                && exited.contains("prompt \"the cat\"") && exited.contains("out of memory")
                && exited.contains("; 1 finished sample is kept in "), exited);
        assertEquals(1, Files.readAllLines(crashed.resolve("samples.jsonl")).size());
        Path text = script("text.sh", "while read -r line; do echo 'good answer'; done");
        String notJson = refused(args(dir.resolve("text"), "--scorer", "judge=command:/bin/sh " + text));
        assertTrue(notJson.contains("scorer 'judge'") && notJson.contains("answered \"good answer\"")
                && notJson.contains("not JSON"), notJson);

        String kind = refused(args(out, "--scorer", "rm=reward_model:" + MODEL));
        assertTrue(kind.contains("unknown scorer kind 'reward_model' (did you mean 'reward-model'?)"), kind);
        String unknownJava = refused(args(out, "--scorer", "java:nope"));
        assertTrue(unknownJava.contains("no Java scorer with the id 'nope'") && unknownJava.contains("concise]"),
                unknownJava);
        assertTrue(refused(args(out, "--split", "eval")).contains("not both"));
        assertEquals(finished, Files.readAllLines(out.resolve("samples.jsonl")), "the finished samples are kept");
    }

    @Test
    void commandsAreSplitAsAShellSplitsThem() {
        assertEquals(List.of("python3", "judge.py", "--name", "a b", "it's", "$HOME", "x\"y"),
                ScorerArguments.words("python3 judge.py --name 'a b' it\\'s '$HOME' \"x\\\"y\"", "w"));
        IllegalArgumentException open = assertThrows(IllegalArgumentException.class,
                () -> ScorerArguments.words("judge 'a b", "j=command:judge 'a b"));
        assertEquals("scorer 'j=command:judge 'a b': a quote (') is not closed", open.getMessage());
        assertTrue(ScorerArguments.parse("harmless=reward-model:rm#harmless", dir).describe()
                .equals("reward-model:" + dir.resolve("rm").toAbsolutePath().normalize() + "#harmless"));
        assertEquals("scorer 'command:judge': name it: NAME=command:judge",
                assertThrows(IllegalArgumentException.class, () -> ScorerArguments.parse("command:judge", dir))
                        .getMessage());
    }
}
