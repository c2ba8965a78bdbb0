package dev.mopo.djl.train.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.checkpoint.SafetensorsWriter;
import dev.mopo.djl.checkpoint.TensorSource;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The reference model's summed log-probs and response token counts of every pair of a split,
 * computed once (batched, no gradient) so that the reference model need not be held during
 * training, and looked up by each pair's position in its split. Cached in a safetensors file
 * beside a key file; a run whose key matches (same reference, precision and tokenised pairs)
 * reuses the cache.
 */
public final class ReferenceLogProbs implements ReferenceSource {

    /** Opens the split's batches in file order, for a pass over it. */
    @FunctionalInterface
    public interface Batches {
        /** A fresh stream of the split's batches. */
        BatchStream open() throws IOException;
    }

    private final float[] sumA;
    private final float[] sumB;
    private final float[] tokensA;
    private final float[] tokensB;

    private ReferenceLogProbs(float[] sumA, float[] sumB, float[] tokensA, float[] tokensB) {
        this.sumA = sumA;
        this.sumB = sumB;
        this.tokensA = tokensA;
        this.tokensB = tokensB;
    }

    /**
     * The values cached in {@code file} under {@code key}, or else computed by {@code reference}
     * over the {@code pairs} pairs of {@code batches} and cached; {@code progress} hears the pairs
     * scored so far.
     */
    public static ReferenceLogProbs load(Path file, String key, int pairs, Supplier<CausalLm> reference,
            Batches batches, IntConsumer progress) throws IOException {
        Path keyFile = file.resolveSibling(file.getFileName() + ".key");
        if (Files.isRegularFile(file) && Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key)) {
            try (Checkpoint cached = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
                return new ReferenceLogProbs(read(cached, "sum_a", manager), read(cached, "sum_b", manager),
                        read(cached, "tokens_a", manager), read(cached, "tokens_b", manager));
            }
        }
        ReferenceLogProbs computed;
        try (BatchStream stream = batches.open()) {
            computed = compute(reference.get(), stream, pairs, progress);
        }
        computed.save(file);
        AtomicFiles.writeString(keyFile, key);
        return computed;
    }

    /**
     * Scores every batch of {@code batches} (pairs {@code 0 … pairs−1} by index) with
     * {@code reference}, telling {@code progress} the pairs done after each batch; nothing is cached.
     */
    public static ReferenceLogProbs compute(CausalLm reference, BatchStream batches, int pairs, IntConsumer progress) {
        float[] sumA = new float[pairs];
        float[] sumB = new float[pairs];
        float[] tokensA = new float[pairs];
        float[] tokensB = new float[pairs];
        LiveReference live = new LiveReference(reference);
        int done = 0;
        try (NDManager manager = NDManager.newBaseManager(reference.device())) {
            while (batches.hasNext()) {
                TokenBatch batch = batches.next();
                try (NDScope scope = new NDScope(); NDManager batchManager = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    ReferenceScores scores = live.scores(batch, batchManager);
                    scatter(scores.sumA(), batch.indices(), sumA);
                    scatter(scores.sumB(), batch.indices(), sumB);
                    scatter(scores.tokensA(), batch.indices(), tokensA);
                    scatter(scores.tokensB(), batch.indices(), tokensB);
                }
                done += batch.size();
                progress.accept(done);
            }
        }
        return new ReferenceLogProbs(sumA, sumB, tokensA, tokensB);
    }

    @Override
    public ReferenceScores scores(TokenBatch batch, NDManager manager) {
        int[] indices = batch.indices();
        return new ReferenceScores(gather(sumA, indices, manager), gather(sumB, indices, manager),
                gather(tokensA, indices, manager), gather(tokensB, indices, manager));
    }

    private void save(Path file) throws IOException {
        SafetensorsWriter.write(file, List.of(new FloatVector("sum_a", sumA), new FloatVector("sum_b", sumB),
                new FloatVector("tokens_a", tokensA), new FloatVector("tokens_b", tokensB)));
    }

    /** A float array written as an F32 safetensors vector straight from the heap, a block at a time. */
    private record FloatVector(String name, float[] values) implements TensorSource {

        private static final int BLOCK = 1 << 16;

        @Override
        public SafetensorsDtype dtype() {
            return SafetensorsDtype.F32;
        }

        @Override
        public Shape shape() {
            return new Shape(values.length);
        }

        @Override
        public void writeTo(WritableByteChannel out) throws IOException {
            ByteBuffer block = ByteBuffer.allocate(4 * BLOCK).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < values.length; start += BLOCK) {
                block.clear();
                block.asFloatBuffer().put(values, start, Math.min(BLOCK, values.length - start));
                block.limit(4 * Math.min(BLOCK, values.length - start));
                while (block.hasRemaining()) {
                    out.write(block);
                }
            }
        }
    }

    private static float[] read(Checkpoint checkpoint, String name, NDManager manager) throws IOException {
        return checkpoint.read(name, manager, DataType.FLOAT32).toFloatArray();
    }

    private static void scatter(NDArray values, int[] indices, float[] into) {
        float[] row = values.toFloatArray();
        for (int i = 0; i < indices.length; i++) {
            into[indices[i]] = row[i];
        }
    }

    private static NDArray gather(float[] values, int[] indices, NDManager manager) {
        float[] out = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return manager.create(out);
    }
}
