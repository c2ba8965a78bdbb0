package dev.mopo.djl.score;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.CheckpointException;
import dev.mopo.djl.checkpoint.JsonFile;
import dev.mopo.djl.model.BaseModel;
import dev.mopo.djl.model.ConfigParser;
import dev.mopo.djl.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * A reward model loaded from a checkpoint folder: a transformers {@code *ForSequenceClassification}
 * of any supported architecture (Llama, Mistral, Qwen2, GPT-NeoX, OPT, GPT-2) or a Safe-RLHF score
 * model ({@code LlamaForScore} …). It scores token sequences as transformers 5.18 (and Safe-RLHF)
 * do: the base model's final hidden state (OPT: after {@code project_out}) at the position its
 * {@link ScorePooling} picks, times the head's weight (plus Safe-RLHF's bias), no softmax — a
 * {@code [B, labels]} matrix of logits, computed in fp32 whatever the base model's compute type.
 *
 * <pre>{@code
 * try (RewardModel rm = RewardModel.load(folder, Device.cpu())) {
 *     int label = rm.labels().index("harmless");              // or 0 for a one-label model
 *     float[][] scores = rm.scores(sequences, 16);            // [sequences][labels]
 *     float reward = scores[0][label];
 * }
 * }</pre>
 * Owns the weights; close it to free them. Not thread-safe.
 */
public final class RewardModel implements AutoCloseable {

    private final BaseModel base;
    private final ScoreHead head;
    private final NDManager manager;
    private final NDArray weight;
    private final NDArray bias;

    private RewardModel(BaseModel base, ScoreHead head, NDManager manager, NDArray weight, NDArray bias) {
        this.base = base;
        this.head = head;
        this.manager = manager;
        this.weight = weight;
        this.bias = bias;
    }

    /** Loads the reward model in {@code folder} onto {@code device}, computing in fp32. */
    public static RewardModel load(Path folder, Device device) throws IOException {
        return load(folder, device, DataType.FLOAT32);
    }

    /**
     * Loads the reward model in {@code folder} ({@code config.json} + safetensors weights) onto
     * {@code device}; the base model computes in {@code computeType} (FLOAT32, or FLOAT16 to halve
     * the memory of a large model on a GPU), the head always in fp32.
     *
     * @throws CheckpointException (an {@link IllegalArgumentException}) with a one-line message for a
     *     folder without config.json or weights, an unsupported {@code model_type} (the message lists
     *     the supported ones), a missing or unexpected head tensor, or labels that do not fit the head
     */
    public static RewardModel load(Path folder, Device device, DataType computeType) throws IOException {
        Path configFile = folder.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new CheckpointException(folder + ": no config.json in the model folder");
        }
        JsonObject json = JsonFile.read(configFile);
        ModelConfig config = ConfigParser.parse(json, configFile);
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            ScoreHead head = ScoreHead.read(json, checkpoint, config.wordEmbedDim());
            BaseModel base = BaseModel.load(checkpoint, config, device, computeType, head.tensorNames());
            NDManager manager = NDManager.newBaseManager(base.device());
            try {
                NDArray weight = checkpoint.read(head.format().weightName(), manager, DataType.FLOAT32);
                NDArray bias = head.hasBias() ? checkpoint.read(head.format().biasName(), manager, DataType.FLOAT32)
                        : null;
                NDScope.unregister(weight);
                if (bias != null) {
                    NDScope.unregister(bias);
                }
                return new RewardModel(base, head, manager, weight, bias);
            } catch (IOException | RuntimeException e) {
                manager.close();
                base.close();
                throw e;
            }
        }
    }

    /** The base model's parsed config. */
    public ModelConfig config() {
        return base.config();
    }

    /** The head: its format, bias and labels. */
    public ScoreHead head() {
        return head;
    }

    /** The outputs' names; {@link ScoreLabels#index} turns a user's choice into a column. */
    public ScoreLabels labels() {
        return head.labels();
    }

    /** The pad id of config.json, which {@link ScorePooling#RIGHTMOST_NON_PAD} pools by. */
    public OptionalLong padTokenId() {
        return base.config().specialTokens().pad();
    }

    /** The device holding the weights. */
    public Device device() {
        return base.device();
    }

    /** The number of weights: the base model's and the head's (Safe-RLHF's normalizer buffers not counted). */
    public long numParameters() {
        return base.numParameters() + weight.size() + (bias == null ? 0 : bias.size());
    }

    /**
     * Scores of a padded batch, {@code [B, labels]} fp32, attached to the manager of {@code ids}.
     *
     * @param ids token ids {@code [B, T]} on this model's device, padded on either side (transformers
     *     uses position ids {@code 0..T-1} whatever the padding, except OPT; so a left-padded GPT-2 row
     *     scores differently from the same row unpadded, in transformers and here alike)
     * @param attentionMask {@code [B, T]}, 1 for tokens and 0 for padding
     * @throws IllegalArgumentException see {@link ScorePooling#positions}
     */
    public NDArray scores(NDArray ids, NDArray attentionMask) {
        Shape shape = ids.getShape();
        if (shape.dimension() != 2 || !attentionMask.getShape().equals(shape)) {
            throw new IllegalArgumentException("ids and attention mask must both have shape [B, T], got " + shape
                    + " and " + attentionMask.getShape());
        }
        long batch = shape.get(0);
        long steps = shape.get(1);
        NDArray scores;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray positions = head.format().pooling().positions(ids, attentionMask, padTokenId());
            NDArray rows = ids.getManager().arange(0, (int) batch, 1, DataType.INT64, ids.getDevice()).mul(steps)
                    .add(positions);
            NDArray hidden = base.hiddenStates(ids, attentionMask);
            NDArray pooled = hidden.reshape(batch * steps, -1).get(new NDIndex("{}", rows))
                    .toType(DataType.FLOAT32, false);
            scores = pooled.getNDArrayInternal().linear(pooled, weight, bias).singletonOrThrow();
            NDScope.unregister(scores);
        }
        NDScope.register(scores);
        return scores;
    }

    /**
     * Scores of a padded batch given as Java arrays, {@code [B][labels]}.
     *
     * @param ids {@code B} rows of {@code T} token ids, padded on either side
     * @param attentionMask {@code B} rows of {@code T} flags, 1 for tokens and 0 for padding
     * @throws IllegalArgumentException for ragged rows, ids outside the vocabulary, or see
     *     {@link ScorePooling#positions}
     */
    public float[][] scores(long[][] ids, long[][] attentionMask) {
        int batch = ids.length;
        if (batch == 0) {
            return new float[0][];
        }
        int steps = ids[0].length;
        long[] flatIds = new long[batch * steps];
        long[] flatMask = new long[batch * steps];
        for (int b = 0; b < batch; b++) {
            if (ids[b].length != steps || attentionMask[b].length != steps) {
                throw new IllegalArgumentException("row " + b + " has " + ids[b].length + " ids and "
                        + attentionMask[b].length + " mask entries; every row of a batch needs " + steps);
            }
            for (int t = 0; t < steps; t++) {
                checkVocabulary(ids[b][t]);
            }
            System.arraycopy(ids[b], 0, flatIds, b * steps, steps);
            System.arraycopy(attentionMask[b], 0, flatMask, b * steps, steps);
        }
        try (NDManager scratch = NDManager.newBaseManager(device())) {
            Shape shape = new Shape(batch, steps);
            float[] flat = scores(scratch.create(flatIds, shape), scratch.create(flatMask, shape)).toFloatArray();
            float[][] out = new float[batch][];
            int labels = head.labels().count();
            for (int b = 0; b < batch; b++) {
                out[b] = Arrays.copyOfRange(flat, b * labels, (b + 1) * labels);
            }
            return out;
        }
    }

    /**
     * Scores of unpadded sequences, {@code [sequences][labels]}, in batches of up to
     * {@code batchSize}, each right-padded (with the pad id, else 0) to its longest sequence, so
     * every sequence scores as it would alone.
     *
     * @throws IllegalArgumentException for an empty sequence, an id outside the vocabulary, or a
     *     {@code batchSize} above 1 for a classifier whose config has no pad id (transformers cannot
     *     batch it either)
     */
    public float[][] scores(List<long[]> sequences, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (batchSize > 1 && head.format().pooling() == ScorePooling.RIGHTMOST_NON_PAD && padTokenId().isEmpty()) {
            throw new IllegalArgumentException("the model's config.json has no pad_token_id, so (as in transformers)"
                    + " sequences can only be scored one at a time: use a batch size of 1");
        }
        long pad = padTokenId().orElse(0);
        List<float[]> out = new ArrayList<>();
        for (int start = 0; start < sequences.size(); start += batchSize) {
            List<long[]> batch = sequences.subList(start, Math.min(start + batchSize, sequences.size()));
            int longest = 0;
            for (int b = 0; b < batch.size(); b++) {
                if (batch.get(b).length == 0) {
                    throw new IllegalArgumentException("sequence " + (start + b) + " is empty");
                }
                longest = Math.max(longest, batch.get(b).length);
            }
            long[][] ids = new long[batch.size()][longest];
            long[][] mask = new long[batch.size()][longest];
            for (int b = 0; b < batch.size(); b++) {
                long[] sequence = batch.get(b);
                Arrays.fill(ids[b], pad);
                System.arraycopy(sequence, 0, ids[b], 0, sequence.length);
                Arrays.fill(mask[b], 0, sequence.length, 1);
            }
            out.addAll(List.of(scores(ids, mask)));
        }
        return out.toArray(new float[0][]);
    }

    private void checkVocabulary(long id) {
        if (id < 0 || id >= base.config().vocabSize()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, "
                    + base.config().vocabSize() + ")");
        }
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
        base.close();
    }
}
