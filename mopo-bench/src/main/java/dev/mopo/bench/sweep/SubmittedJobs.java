package dev.mopo.bench.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mopo.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code OUTPUT/slurm/jobs.json}: the SLURM job-array task each task of a sweep was last submitted as
 * (task id → {@code JOB_INDEX}, e.g. {@code "train/dpo-seed1": "812_3"}), so that {@code mopo sweep
 * status} can ask the scheduler about it.
 */
final class SubmittedJobs {

    static final String FILE = "jobs.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SubmittedJobs() {}

    /** What {@code folder} records; empty when nothing was submitted. */
    static Map<String, String> read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return new TreeMap<>();
        }
        try {
            return new TreeMap<>(JSON.readValue(file.toFile(), new TypeReference<Map<String, String>>() {}));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a record of submitted jobs (" + e.getMessage().lines()
                    .findFirst().orElse("") + "); delete it, and `mopo sweep status` reads the run folders only", e);
        }
    }

    /** Adds {@code submitted} (replacing earlier submissions of the same tasks) to the record in {@code folder}. */
    static void record(Path folder, Map<String, String> submitted) throws IOException {
        Map<String, String> all = read(folder);
        all.putAll(submitted);
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve(FILE), JSON.writeValueAsString(all) + "\n");
    }
}
