package dev.mopo.bench.eval;

import dev.mopo.djl.checkpoint.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A policy to evaluate: its name in reports and a checkpoint folder ({@code config.json},
 * safetensors weights, {@code tokenizer.json}; {@code generation_config.json} optional).
 *
 * @param name the policy's name: not blank, no line breaks
 * @param folder the checkpoint folder (made absolute)
 */
public record PolicySpec(String name, Path folder) {

    /** Checks the name and makes the folder absolute. */
    public PolicySpec {
        if (name == null || name.isBlank() || name.contains("\n") || name.contains("\r")) {
            throw new IllegalArgumentException("a policy needs a name without line breaks, got '" + name + "'");
        }
        folder = folder.toAbsolutePath().normalize();
    }

    /**
     * Checks that the folder is a checkpoint mopo can generate with, in a moment.
     *
     * @throws IllegalArgumentException one line naming the policy, the folder and what is missing (for a
     *     run folder without weights, its newest checkpoint)
     */
    public void check() throws IOException {
        String where = "policy '" + name + "': " + folder;
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(where + " is not a folder");
        }
        boolean weights = Files.isRegularFile(folder.resolve(Checkpoint.SINGLE_FILE))
                || Files.isRegularFile(folder.resolve(Checkpoint.INDEX_FILE));
        if (!weights) {
            throw new IllegalArgumentException(where + " holds no weights (no " + Checkpoint.SINGLE_FILE + " or "
                    + Checkpoint.INDEX_FILE + ")" + newestCheckpoint().map(c -> "; its newest checkpoint is " + c)
                            .orElse(""));
        }
        for (String file : new String[] {"config.json", "tokenizer.json"}) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                throw new IllegalArgumentException(where + " has no " + file);
            }
        }
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            if (checkpoint.names().isEmpty()) {
                throw new IllegalArgumentException(where + " holds no weights (its safetensors are empty)");
            }
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private Optional<Path> newestCheckpoint() throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(p -> p.getFileName().toString().matches("checkpoint-\\d+") && Files.isDirectory(p))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }
}
