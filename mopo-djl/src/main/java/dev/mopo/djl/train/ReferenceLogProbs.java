package dev.mopo.djl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.datasets.batch.TokenizedPair;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.NamedTensor;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.checkpoint.SafetensorsWriter;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.logprob.SequenceLogProbs;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The reference model's summed log-probs and response token counts of every pair, computed once
 * (batched, no gradient) so the reference model need not be held during training. Cached in the
 * output folder under a key of the reference checkpoint and the pairs, so a rerun or a resume
 * reuses them.
 */
final class ReferenceLogProbs {

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

    /** The cached values when {@code file} holds them for these pairs, else computes and caches them. */
    static ReferenceLogProbs load(Path file, Supplier<CausalLm> reference, Path referenceFolder,
            List<TokenizedPair> pairs, BatchConfig batching, IntConsumer progress) throws IOException {
        String key = key(referenceFolder, pairs);
        Path keyFile = file.resolveSibling(file.getFileName() + ".key");
        if (Files.isRegularFile(file) && Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key)) {
            try (Checkpoint cached = Checkpoint.open(file); NDManager manager = NDManager.newBaseManager()) {
                return new ReferenceLogProbs(read(cached, "sum_a", manager), read(cached, "sum_b", manager),
                        read(cached, "tokens_a", manager), read(cached, "tokens_b", manager));
            }
        }
        ReferenceLogProbs computed = compute(reference.get(), pairs, batching, progress);
        computed.save(file);
        AtomicFiles.writeString(keyFile, key);
        return computed;
    }

    /** Scores every pair with {@code reference}, {@code batching.batchSize()} pairs at a time. */
    static ReferenceLogProbs compute(CausalLm reference, List<TokenizedPair> pairs, BatchConfig batching,
            IntConsumer progress) {
        int n = pairs.size();
        float[] sumA = new float[n];
        float[] sumB = new float[n];
        float[] tokensA = new float[n];
        float[] tokensB = new float[n];
        int step = batching.batchSize();
        try (NDManager manager = NDManager.newBaseManager(reference.device())) {
            for (int start = 0; start < n; start += step) {
                int end = Math.min(n, start + step);
                try (NDScope scope = new NDScope(); NDManager batchManager = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    TokenBatch batch = TokenBatch.of(pairs.subList(start, end), batching);
                    BatchTensors tensors = BatchTensors.of(batch, new int[0], false, batchManager);
                    SequenceLogProbs scored = LogProbs.score(reference, tensors.ids(), tensors.attentionMask(),
                            tensors.responseMask());
                    float[] sums = scored.sum().toType(DataType.FLOAT32, false).toFloatArray();
                    float[] counts = scored.count().toType(DataType.FLOAT32, false).toFloatArray();
                    int size = end - start;
                    for (int i = 0; i < size; i++) {
                        sumA[start + i] = sums[i];
                        sumB[start + i] = sums[size + i];
                        tokensA[start + i] = counts[i];
                        tokensB[start + i] = counts[size + i];
                    }
                }
                progress.accept(end);
            }
        }
        return new ReferenceLogProbs(sumA, sumB, tokensA, tokensB);
    }

    /** Reference log-probs of response a for the pairs at {@code indices}. */
    NDArray sumA(int[] indices, NDManager manager) {
        return gather(sumA, indices, manager);
    }

    /** Reference log-probs of response b for the pairs at {@code indices}. */
    NDArray sumB(int[] indices, NDManager manager) {
        return gather(sumB, indices, manager);
    }

    /** Response-a token counts for the pairs at {@code indices}. */
    NDArray tokensA(int[] indices, NDManager manager) {
        return gather(tokensA, indices, manager);
    }

    /** Response-b token counts for the pairs at {@code indices}. */
    NDArray tokensB(int[] indices, NDManager manager) {
        return gather(tokensB, indices, manager);
    }

    private void save(Path file) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<NamedTensor> tensors = List.of(new NamedTensor("sum_a", manager.create(sumA)),
                    new NamedTensor("sum_b", manager.create(sumB)), new NamedTensor("tokens_a", manager.create(tokensA)),
                    new NamedTensor("tokens_b", manager.create(tokensB)));
            SafetensorsWriter.write(file, tensors, SafetensorsDtype.F32);
        }
    }

    private static float[] read(Checkpoint checkpoint, String name, NDManager manager) throws IOException {
        return checkpoint.read(name, manager, DataType.FLOAT32).toFloatArray();
    }

    private static NDArray gather(float[] values, int[] indices, NDManager manager) {
        float[] out = new float[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return manager.create(out);
    }

    /** SHA-256 over the reference folder and every pair's id and token ids. */
    private static String key(Path referenceFolder, List<TokenizedPair> pairs) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(referenceFolder.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            for (TokenizedPair pair : pairs) {
                digest.update(pair.id().getBytes(StandardCharsets.UTF_8));
                for (int[] ids : new int[][] {pair.prompt(), pair.responseA(), pair.responseB()}) {
                    for (int id : ids) {
                        digest.update((byte) id);
                        digest.update((byte) (id >>> 8));
                        digest.update((byte) (id >>> 16));
                    }
                    digest.update((byte) 0xff);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
