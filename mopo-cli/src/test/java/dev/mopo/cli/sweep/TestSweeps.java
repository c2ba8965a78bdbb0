package dev.mopo.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mopo.cli.MopoCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the sweep tests share: a tiny corpus and base training file, and mopo started in a JVM of its own. */
final class TestSweeps {

    static final Path MODEL = Path.of("..", "mopo-djl", "src", "test", "resources", "models", "llama-gqa-tied")
            .toAbsolutePath().normalize();

    private TestSweeps() {}

    /**
     * Writes {@code pairs.jsonl} (30 pairs, helpful and harmless labels) and {@code base.yaml} (the tiny
     * model, {@code maxSteps} steps, then {@code more} lines) into {@code dir}; the base file.
     */
    static Path base(Path dir, int maxSteps, String more) throws IOException {
        List<String> pairs = new ArrayList<>();
        Random random = new Random(1);
        for (int i = 0; i < 30; i++) {
            pairs.add(String.format("{\"prompt\": \"p%d q%d\", \"response_a\": \"a%d\", \"response_b\": \"bb%d\","
                    + " \"helpful\": %d, \"harmless\": %d}", i, random.nextInt(9), i, i, random.nextBoolean() ? 1 : -1,
                    random.nextBoolean() ? 1 : -1));
        }
        Files.write(dir.resolve("pairs.jsonl"), pairs);
        return Files.writeString(dir.resolve("base.yaml"), "model: " + MODEL + "\ndataset_preset: generic\n"
                + "dataset_path: pairs.jsonl\ndataset_options: {objectives: 'helpful,harmless'}\nchat_template: none\n"
                + "learning_rate: 0.01\nbatch_size: 4\nmax_steps: " + maxSteps + "\neval_fraction: 0.2\n"
                + "max_length: 32\nmax_prompt_length: 16\n" + more);
    }

    /** stdout and stderr of {@code mopo ARGS} run in this JVM, which must succeed. */
    static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, MopoCommand.commandLine().execute(args), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[] {stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8)};
    }

    /** {@code mopo ARGS} in a new JVM with this one's options and class path, its output merged into stdout. */
    static ProcessBuilder mopo(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> !option.startsWith("-javaagent:") && !option.startsWith("-agentlib:")).toList());
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
        command.addAll(List.of("-cp", classPath, MopoCommand.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
