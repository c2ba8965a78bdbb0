package dev.mopo.djl.score;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.CheckpointException;
import dev.mopo.djl.checkpoint.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reward model's head as its checkpoint stores it: the format, whether it has a bias, and its
 * labels. {@link #read} checks the head tensors against the config, so a missing or unexpected
 * tensor, or a label count that does not fit, is one clear error before any weight is loaded.
 *
 * @param format the kind of checkpoint
 * @param hasBias whether the head adds a bias (Safe-RLHF with {@code bias: true} only)
 * @param labels the outputs, one per row of the weight
 */
public record ScoreHead(ScoreFormat format, boolean hasBias, ScoreLabels labels) {

    /** The tensors a Safe-RLHF checkpoint carries besides the head, which are not read. */
    static final List<String> SAFE_RLHF_BUFFERS = List.of("normalizer.mean", "normalizer.var", "normalizer.count");

    /**
     * The head of the checkpoint whose config is {@code config}: Safe-RLHF when it has
     * {@code score_head.weight}, else a transformers classifier, which must have {@code score.weight}.
     *
     * @param width the width of the hidden states the head reads
     * @throws CheckpointException for a missing, unexpected or misshapen head tensor, labels that do
     *     not match the weight, or Safe-RLHF's {@code do_normalize: true} (not supported)
     */
    public static ScoreHead read(JsonObject config, Checkpoint checkpoint, int width) {
        ScoreFormat format = checkpoint.info(ScoreFormat.SAFE_RLHF.weightName()).isPresent()
                ? ScoreFormat.SAFE_RLHF : ScoreFormat.SEQUENCE_CLASSIFICATION;
        String where = checkpoint.location().toString();
        TensorInfo weight = checkpoint.info(format.weightName()).orElseThrow(() -> new CheckpointException(where
                + ": no reward head: expected tensor 'score.weight' (a *ForSequenceClassification checkpoint) or"
                + " 'score_head.weight' (a Safe-RLHF score model); config.json architectures: "
                + config.get("architectures")));
        Shape shape = weight.shape();
        if (shape.dimension() != 2 || shape.get(1) != width) {
            throw new CheckpointException(weight.file() + ": tensor '" + weight.name() + "' has shape " + shape
                    + " but the head reads hidden states of width " + width + " (expected [labels, " + width + "])");
        }
        int rows = Math.toIntExact(shape.get(0));
        boolean bias = format == ScoreFormat.SAFE_RLHF && flag(config, "bias", where);
        Optional<TensorInfo> biasTensor = checkpoint.info(format.biasName());
        if (bias && biasTensor.isEmpty()) {
            throw new CheckpointException(where + ": config.json says bias: true but tensor '" + format.biasName()
                    + "' is missing");
        }
        if (!bias && biasTensor.isPresent()) {
            throw new CheckpointException(where + ": unexpected tensor '" + format.biasName() + "': "
                    + (format == ScoreFormat.SAFE_RLHF ? "config.json says bias: false"
                            : "transformers' *ForSequenceClassification heads have no bias"));
        }
        if (bias && !biasTensor.get().shape().equals(new Shape(rows))) {
            throw new CheckpointException(biasTensor.get().file() + ": tensor '" + format.biasName() + "' has shape "
                    + biasTensor.get().shape() + ", expected " + new Shape(rows));
        }
        if (format == ScoreFormat.SAFE_RLHF && flag(config, "do_normalize", where)) {
            throw new CheckpointException(where + ": do_normalize: true is not supported (the scores would have to be"
                    + " normalised with the normalizer buffers)");
        }
        ScoreLabels labels = format == ScoreFormat.SAFE_RLHF ? ScoreLabels.defaults(count(config, "score_dim", 1, where))
                : classifierLabels(config, where);
        if (labels.count() != rows) {
            throw new CheckpointException(where + ": config.json declares " + labels.count() + " labels ("
                    + labels.describe() + ") but '" + format.weightName() + "' has " + rows + " rows");
        }
        return new ScoreHead(format, bias, labels);
    }

    /** The head's tensor names, and Safe-RLHF's buffers, which the base model must not expect. */
    public Set<String> tensorNames() {
        Set<String> names = new TreeSet<>(List.of(format.weightName()));
        if (hasBias) {
            names.add(format.biasName());
        }
        if (format == ScoreFormat.SAFE_RLHF) {
            names.addAll(SAFE_RLHF_BUFFERS);
        }
        return names;
    }

    /** transformers' rule: {@code id2label} if present, else {@code num_labels}, else 2. */
    private static ScoreLabels classifierLabels(JsonObject config, String where) {
        JsonElement id2label = config.get("id2label");
        if (id2label == null || id2label.isJsonNull()) {
            return ScoreLabels.defaults(count(config, "num_labels", 2, where));
        }
        if (!id2label.isJsonObject()) {
            throw new CheckpointException(where + ": id2label in config.json must be an object, got " + id2label);
        }
        JsonObject map = id2label.getAsJsonObject();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            JsonElement name = map.get(Integer.toString(i));
            if (name == null || !name.isJsonPrimitive()) {
                throw new CheckpointException(where + ": id2label in config.json must map \"0\" … \"" + (map.size() - 1)
                        + "\" to names, got " + map);
            }
            names.add(name.getAsString());
        }
        return new ScoreLabels(names);
    }

    private static int count(JsonObject config, String key, int fallback, String where) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            return fallback;
        }
        try {
            int count = value.getAsJsonPrimitive().getAsBigDecimal().intValueExact();
            if (count >= 1) {
                return count;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new CheckpointException(where + ": '" + key + "' in config.json must be a positive integer, got " + value);
    }

    private static boolean flag(JsonObject config, String key, String where) {
        JsonElement value = config.get(key);
        if (value == null || value.isJsonNull()) {
            return false;
        }
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
            throw new CheckpointException(where + ": '" + key + "' in config.json must be true or false, got " + value);
        }
        return value.getAsBoolean();
    }
}
