package dev.mopo.bench.trainspeed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.data.Split;
import dev.mopo.djl.train.data.TrainingData;
import dev.mopo.djl.train.optim.Gradients;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Each of the trainer's scoring changes measured on its own: the log-probs of a workload's
 * batches, forward and backward (a training step's scoring) and forward only (the reference
 * pass), computed three ways on the same batches, alternating round by round. The rest of a
 * training step (loss, optimiser) is the same for all three and left out.
 */
public final class ScoringSpeed {

    /** How the responses are scored. */
    public enum Variant {
        /** A row per response, logits and log-softmax at every position (TRL's computation; mopo before issue 14). */
        ROWS_FULL_LOGITS("rows, logits everywhere"),
        /** A row per response, the head only where a response token is predicted. */
        ROWS_RESPONSE_HEAD("rows, head at responses"),
        /** A row per pair, the prompt computed once, the head only at responses (the trainer's way). */
        SHARED_PROMPT("shared prompt, head at responses");

        private final String label;

        Variant(String label) {
            this.label = label;
        }

        /** The variant in words. */
        public String label() {
            return label;
        }
    }

    /** Seconds per batch of one variant, training (forward and backward) and inference (forward). */
    public record Timing(double trainingSeconds, double inferenceSeconds) {}

    private ScoringSpeed() {}

    /**
     * Times every variant on the first {@code batches} batches of {@code config}'s corpus in file
     * order, {@code rounds} alternating rounds after one untimed round; returns the mean seconds
     * per batch and tells {@code log} each round.
     */
    public static Map<Variant, Timing> measure(TrainConfig config, int batches, int rounds, Consumer<String> log)
            throws IOException {
        List<TokenBatch> sample = new ArrayList<>();
        try (TrainingData data = TrainingData.open(config); BatchStream stream = data.inOrder(Split.TRAIN)) {
            while (stream.hasNext() && sample.size() < batches) {
                sample.add(stream.next());
            }
        }
        Map<Variant, double[]> totals = new EnumMap<>(Variant.class);
        try (CausalLm model = CausalLm.load(config.model().model(), Device.cpu(), DataType.FLOAT32)) {
            for (int round = 0; round <= rounds; round++) {
                for (Variant variant : Variant.values()) {
                    double[] seconds = {time(model, sample, variant, true), time(model, sample, variant, false)};
                    log.accept(String.format(Locale.ROOT, "round %d, %s: %.4f s/batch training, %.4f s/batch"
                            + " inference%s", round, variant.label(), seconds[0], seconds[1],
                            round == 0 ? " (untimed)" : ""));
                    if (round > 0) {
                        double[] total = totals.computeIfAbsent(variant, v -> new double[2]);
                        total[0] += seconds[0] / rounds;
                        total[1] += seconds[1] / rounds;
                    }
                }
            }
        }
        Map<Variant, Timing> timings = new EnumMap<>(Variant.class);
        totals.forEach((variant, total) -> timings.put(variant, new Timing(total[0], total[1])));
        return timings;
    }

    /** Mean seconds per batch of scoring every batch once, with gradients or without. */
    private static double time(CausalLm model, List<TokenBatch> batches, Variant variant, boolean training) {
        long start = System.nanoTime();
        for (TokenBatch batch : batches) {
            try (NDManager manager = NDManager.newBaseManager()) {
                if (training) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(score(model, batch, variant, manager, true).sum());
                    }
                    Map<String, NDArray> parameters = new LinkedHashMap<>();
                    model.block().getParameters()
                            .forEach(pair -> parameters.put(pair.getKey(), pair.getValue().getArray()));
                    Gradients.clear(parameters);
                } else {
                    score(model, batch, variant, manager, false).getFloat(0);
                }
            }
        }
        return (System.nanoTime() - start) / 1e9 / batches.size();
    }

    /** The summed log-probs {@code [2B]} of a batch's responses. */
    private static NDArray score(CausalLm model, TokenBatch batch, Variant variant, NDManager manager,
            boolean training) {
        if (variant == Variant.ROWS_FULL_LOGITS) {
            Shape shape = new Shape(2L * batch.size(), batch.length());
            return LogProbs.score(model.block(), model.parameterStore(),
                    manager.create(batch.inputIds(), shape).toType(DataType.INT64, false),
                    manager.create(batch.attentionMask(), shape), manager.create(batch.responseMask(), shape), training)
                    .sum();
        }
        return LogProbs.scorePairs(model.block(), model.parameterStore(), batch, manager, training,
                variant == Variant.SHARED_PROMPT).sum();
    }
}
