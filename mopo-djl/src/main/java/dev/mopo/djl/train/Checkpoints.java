package dev.mopo.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.core.io.Folders;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.checkpoint.SafetensorsWriter;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checkpoint folders of a run, {@code checkpoint-NNNNNN} under the output folder: the policy
 * (fp32 safetensors, config.json and tokenizer files — a folder transformers loads),
 * {@code trainer_state.json} and {@code optimizer.safetensors}. Each is written into a hidden
 * temporary folder and renamed into place, so a crash never leaves half a checkpoint.
 */
final class Checkpoints {

    static final String STATE_FILE = "trainer_state.json";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    private static final String PREFIX = "checkpoint-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path output;

    Checkpoints(Path output) {
        this.output = output;
    }

    /**
     * Writes the checkpoint of {@code step}, the policy's weights taken from {@code weights} (its own,
     * or fp32 masters); returns its folder.
     */
    Path save(long step, CausalLm policy, List<NamedTensor> weights, TrainerState state, NDList optimizerState)
            throws IOException {
        Path folder = output.resolve(String.format("%s%06d", PREFIX, step));
        Path temporary = output.resolve("." + folder.getFileName() + ".tmp");
        Folders.deleteRecursively(temporary);
        policy.save(temporary, SafetensorsDtype.F32, weights);
        List<NamedTensor> tensors = new ArrayList<>();
        for (NDArray array : optimizerState) {
            tensors.add(new NamedTensor(array.getName(), array));
        }
        SafetensorsWriter.write(temporary.resolve(OPTIMIZER_FILE), tensors, SafetensorsDtype.F32);
        AtomicFiles.writeString(temporary.resolve(STATE_FILE), JSON.writeValueAsString(state));
        Folders.deleteRecursively(folder);
        try {
            Files.move(temporary, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, folder);
        }
        return folder;
    }

    /**
     * The newest checkpoint that opens completely — its state, its policy weights and its optimizer
     * moments — if any; a newer one that does not (copied in part, or damaged) is skipped and
     * {@code warn} says why.
     */
    Optional<Path> latest(Consumer<String> warn) throws IOException {
        for (Path folder : newestFirst()) {
            try {
                verify(folder);
                return Optional.of(folder);
            } catch (IOException | RuntimeException e) {
                warn.accept(folder.getFileName() + " is incomplete (" + e.getMessage() + "); trying an older checkpoint");
            }
        }
        return Optional.empty();
    }

    /** Deletes all but the newest {@code keep} checkpoints (TRL's {@code save_total_limit}); 0 keeps every one. */
    void prune(int keep) throws IOException {
        if (keep <= 0) {
            return;
        }
        List<Path> folders = newestFirst();
        for (Path old : folders.subList(Math.min(keep, folders.size()), folders.size())) {
            Folders.deleteRecursively(old);
        }
    }

    private List<Path> newestFirst() throws IOException {
        if (!Files.isDirectory(output)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(output)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .collect(Collectors.toList());
        }
    }

    private static void verify(Path folder) throws IOException {
        state(folder);
        try (Checkpoint weights = Checkpoint.open(folder); Checkpoint moments = Checkpoint.open(folder.resolve(OPTIMIZER_FILE))) {
            if (weights.names().isEmpty()) {
                throw new IllegalArgumentException("no weights");
            }
            moments.names();
        }
    }

    /** The trainer state saved in {@code folder}. */
    static TrainerState state(Path folder) throws IOException {
        Path file = folder.resolve(STATE_FILE);
        TrainerState state;
        try {
            state = JSON.readValue(Files.readString(file), TrainerState.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a trainer state (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        if (state == null || state.step() <= 0) {
            throw new IllegalArgumentException(file + ": no training step recorded");
        }
        return state;
    }

    /** The optimizer arrays saved in {@code folder}, named as {@link AdamW#state()} names them. */
    static NDList optimizerState(Path folder, NDManager manager) throws IOException {
        NDList arrays = new NDList();
        try (Checkpoint checkpoint = Checkpoint.open(folder.resolve(OPTIMIZER_FILE))) {
            for (String name : checkpoint.names()) {
                NDArray array = checkpoint.read(name, manager, DataType.FLOAT32);
                array.setName(name);
                arrays.add(array);
            }
        }
        return arrays;
    }
}
