package dev.mopo.bench.score;

import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.score.RewardInputs;
import dev.mopo.djl.score.RewardModel;
import dev.mopo.djl.score.ScorePooling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reward model as a scorer of one objective: each request is encoded as the checkpoint expects
 * ({@link RewardInputs}: its chat template with a user and an assistant turn, else
 * {@code prompt + response} with the tokenizer's special tokens) and scored as transformers scores it
 * ({@link RewardModel}); the score is the chosen output's logit.
 */
public final class RewardModelScorer implements Scorer {

    private final String objective;
    private final RewardInputs inputs;
    private final RewardModel model;
    private final int column;
    private final int batchSize;

    private RewardModelScorer(String objective, RewardInputs inputs, RewardModel model, int column, int batchSize) {
        this.objective = objective;
        this.inputs = inputs;
        this.model = model;
        this.column = column;
        this.batchSize = batchSize;
    }

    /**
     * Loads the reward model in {@code folder}.
     *
     * @param objective the objective its scores are recorded under
     * @param label the output to score by id2label name or index; null for a model with one output
     * @throws IllegalArgumentException for a folder that is not a reward model, or a label it lacks
     */
    public static RewardModelScorer open(String objective, Path folder, String label, ScorerContext context)
            throws IOException {
        RewardInputs inputs = RewardInputs.load(folder);
        try {
            RewardModel model = RewardModel.load(folder, context.device());
            try {
                int column = column(model, folder, label);
                boolean unbatchable = model.head().format().pooling() == ScorePooling.RIGHTMOST_NON_PAD
                        && model.padTokenId().isEmpty();
                return new RewardModelScorer(objective, inputs, model, column, unbatchable ? 1 : context.batchSize());
            } catch (RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            inputs.close();
            throw e;
        }
    }

    private static int column(RewardModel model, Path folder, String label) {
        if (label != null) {
            return model.labels().index(label);
        }
        if (model.labels().count() > 1) {
            throw new IllegalArgumentException(folder + " has " + model.labels().count() + " outputs ("
                    + model.labels().describe() + "): name one as reward-model:" + folder + "#LABEL");
        }
        return 0;
    }

    @Override
    public Map<String, double[]> score(List<ScoreRequest> requests) {
        List<long[]> sequences = new ArrayList<>(requests.size());
        for (ScoreRequest request : requests) {
            sequences.add(inputs.encode(request.prompt(), request.response()));
        }
        float[][] scores = model.scores(sequences, batchSize);
        double[] values = new double[requests.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = scores[i][column];
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put(objective, values);
        return out;
    }

    /** Frees the weights and the tokenizer. */
    @Override
    public void close() {
        model.close();
        inputs.close();
    }

    /** {@link ScorerSpec#rewardModel}. */
    record Spec(String name, Path folder, String label) implements ScorerSpec {

        Spec {
            ScorerSpec.checkName(name);
            folder = folder.toAbsolutePath().normalize();
        }

        @Override
        public String describe() {
            return "reward-model:" + folder + (label == null ? "" : "#" + label);
        }

        @Override
        public void check() throws IOException {
            String where = "scorer '" + name + "': " + folder;
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException(where + " is not a folder");
            }
            for (String file : List.of("config.json", "tokenizer.json")) {
                if (!Files.isRegularFile(folder.resolve(file))) {
                    throw new IllegalArgumentException(where + " has no " + file);
                }
            }
            try (Checkpoint checkpoint = Checkpoint.open(folder)) {
                checkpoint.names();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("scorer '" + name + "': " + e.getMessage(), e);
            }
        }

        @Override
        public Scorer open(ScorerContext context) throws IOException {
            return RewardModelScorer.open(name, folder, label, context);
        }
    }
}
