package dev.mopo.bench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a run stands, read from its folder: {@link State#NEW} without a checkpoint,
 * {@link State#FINISHED} when its final checkpoint is there — the step of {@code max_steps}, or the
 * checkpoint {@code finished.json} names (which the sweep writes when a run's epochs are done) —
 * and {@link State#PARTIAL} otherwise (it resumes from its newest checkpoint).
 *
 * @param state the state
 * @param checkpoint the newest checkpoint folder, or null for a new run
 */
public record RunStatus(State state, Path checkpoint) {

    /** The file marking a finished run. */
    static final String FINISHED_FILE = "finished.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The states of a run. */
    public enum State {
        /** No checkpoint yet: trains from the start. */
        NEW,
        /** A checkpoint, not the final one: resumes. */
        PARTIAL,
        /** The final checkpoint is there: nothing to do. */
        FINISHED
    }

    /** The status of the run {@code config} describes. */
    public static RunStatus of(TrainConfig config) throws IOException {
        Path folder = config.runtime().output();
        Optional<Path> newest = newestCheckpoint(folder);
        if (newest.isEmpty()) {
            return new RunStatus(State.NEW, null);
        }
        int maxSteps = config.optimizer().maxSteps();
        boolean finished = maxSteps > 0 ? step(newest.get()) >= maxSteps : markedFinished(folder, newest.get());
        return new RunStatus(finished ? State.FINISHED : State.PARTIAL, newest.get());
    }

    /** Records that the run in {@code folder} ended with {@code checkpoint} (its last step). */
    static void markFinished(Path folder, Path checkpoint) throws IOException {
        AtomicFiles.writeString(folder.resolve(FINISHED_FILE), JSON.createObjectNode()
                .put("checkpoint", checkpoint.getFileName().toString()).toString() + "\n");
    }

    private static boolean markedFinished(Path folder, Path newest) throws IOException {
        Path marker = folder.resolve(FINISHED_FILE);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        JsonNode json = JSON.readTree(marker.toFile());
        return newest.getFileName().toString().equals(json.path("checkpoint").asText());
    }

    /** The optimiser step a checkpoint folder was saved at (its name: {@code checkpoint-NNNNNN}). */
    static long step(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("checkpoint-".length()));
    }

    private static Optional<Path> newestCheckpoint(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().matches("checkpoint-\\d+")
                    && Files.isRegularFile(p.resolve("trainer_state.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }
}
