package dev.mopo.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mopo train} killed with SIGKILL at random moments, then resumed, loses nothing: the run
 * completes, and {@code metrics.jsonl} and {@code metrics.csv} hold every step once, in order.
 */
class KillTest {

    private static final Path MODEL = Path.of("..", "mopo-djl", "src", "test", "resources", "models", "llama-gqa-tied")
            .toAbsolutePath().normalize();
    private static final int STEPS = 24;
    private static final int KILLS = 9;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void killedAtRandomMomentsAndResumedTheRunLosesNothing() throws Exception {
        Path output = folder.resolve("run");
        Path config = config(output);
        Random random = new Random(15);
        Map<String, Integer> phases = new LinkedHashMap<>();
        int finished = -1;
        for (int attempt = 0; attempt <= KILLS && finished != 0; attempt++) {
            int recordsBefore = records(output).size();
            Process train = start(config, hasCheckpoint(output), folder.resolve("log-" + attempt + ".txt"));
            if (attempt < KILLS && waitForMoment(train, output, recordsBefore, attempt % 3 == 0, random)) {
                phases.merge(phase(output, recordsBefore), 1, Integer::sum);
                train.destroyForcibly().waitFor();
                continue;
            }
            assertTrue(train.waitFor(120, TimeUnit.SECONDS), "the last run did not finish");
            finished = train.exitValue();
            assertEquals(0, finished, "run " + attempt + " failed: " + Files.readString(folder.resolve("log-" + attempt
                    + ".txt")));
        }
        System.out.println("kills by phase: " + phases);
        assertTrue(Files.isDirectory(output.resolve(String.format("checkpoint-%06d", STEPS))), "the run did not finish");
        List<Long> steps = new ArrayList<>();
        List<Long> evaluations = new ArrayList<>();
        List<String> lines = records(output);
        for (String line : lines) {
            JsonNode record = JSON.readTree(line);
            (record.has("split") ? evaluations : steps).add(record.get("step").asLong());
        }
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= STEPS; s++) {
            expected.add(s);
        }
        assertEquals(expected, steps, "every step once, in order");
        assertEquals(evaluations.stream().distinct().toList(), evaluations, "no evaluation twice");
        List<String> rows = Files.readAllLines(output.resolve("metrics.csv"));
        assertEquals(lines.size() + 1, rows.size(), "one CSV row per JSON record, below one header");
    }

    private Path config(Path output) throws IOException {
        Random random = new Random(3);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            pairs.add(String.format("{\"prompt\": \"q%d %d\", \"response_a\": \"a%d\", \"response_b\": \"b%d %d\","
                    + " \"helpful\": %d, \"harmless\": %d}", i, random.nextInt(99), i, i, random.nextInt(99),
                    random.nextBoolean() ? 1 : -1, random.nextInt(3) - 1));
        }
        Path corpus = Files.write(folder.resolve("pairs.jsonl"), pairs);
        Path yaml = folder.resolve("run.yaml");
        Files.writeString(yaml, String.join("\n",
                "model: " + MODEL,
                "dataset_preset: generic",
                "dataset_path: " + corpus,
                "dataset_options: {objectives: 'helpful,harmless'}",
                "chat_template: none",
                "loss: mopo",
                "thresholds: {harmless: 0.55}",
                "learning_rate: 0.01",
                "batch_size: 4",
                "max_steps: " + STEPS,
                "eval_interval: 5",
                "eval_fraction: 0.2",
                "save_interval: 2",
                "save_total_limit: 2",
                "max_length: 32",
                "max_prompt_length: 16",
                "output: " + output, ""));
        return yaml;
    }

    private static Process start(Path config, boolean resume, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"), "dev.mopo.cli.MopoCommand", "train", "--config",
                config.toString()));
        if (resume) {
            command.add("--resume");
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean hasCheckpoint(Path output) throws IOException {
        if (!Files.isDirectory(output)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(output)) {
            return entries.anyMatch(p -> p.getFileName().toString().startsWith("checkpoint-"));
        }
    }

    /**
     * Waits for the moment to kill {@code train}: a random time into its start-up, or a few records
     * after it started writing, plus up to 40 ms; false when it ended first.
     */
    private static boolean waitForMoment(Process train, Path output, int recordsBefore, boolean startUp,
            Random random) throws Exception {
        if (startUp) {
            return !train.waitFor(300 + random.nextInt(3000), TimeUnit.MILLISECONDS);
        }
        int target = recordsBefore + 1 + random.nextInt(4);
        while (records(output).size() < target) {
            if (train.waitFor(5, TimeUnit.MILLISECONDS)) {
                return false;
            }
        }
        return !train.waitFor(random.nextInt(40), TimeUnit.MILLISECONDS);
    }

    private static List<String> records(Path output) throws IOException {
        Path metrics = output.resolve("metrics.jsonl");
        return Files.isRegularFile(metrics) ? Files.readAllLines(metrics) : List.of();
    }

    /** What the run was doing, as its output folder shows it; it had written {@code recordsBefore} records at its start. */
    private static String phase(Path output, int recordsBefore) throws IOException {
        if (!Files.isDirectory(output)) {
            return "start-up, data and reference pass";
        }
        try (Stream<Path> entries = Files.list(output)) {
            if (entries.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"))) {
                return "checkpoint write";
            }
        }
        List<String> records = records(output);
        if (records.size() <= recordsBefore) {
            return "start-up, data and reference pass";
        }
        return records.get(records.size() - 1).contains("\"split\"") ? "evaluation" : "optimiser steps";
    }
}
