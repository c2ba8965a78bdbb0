package dev.mopo.bench.trainspeed;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.model.ModelConfig;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.data.TrainingData;
import java.io.IOException;

/**
 * The training FLOPs a preference step cannot do without, per token as both trainers count tokens
 * (the non-padding tokens of both rows of every pair): forward and backward ({@code 6N} per
 * token, PaLM's model FLOPs) of the layers over each distinct token — a pair's prompt once, each
 * response once — and of the output head only where a response token is predicted; the input
 * embedding is a lookup, attention's {@code T²} term is left out. Averaged over the workload's
 * corpus. Divided by a machine's measured matrix-multiply rate it gives model FLOPs utilisation on
 * one yardstick for both trainers: work a trainer adds (padding, prompts run twice, logits no loss
 * reads) lowers its figure.
 */
public final class UsefulFlops {

    private UsefulFlops() {}

    /** FLOPs per counted token for the model and corpus of {@code config}. */
    public static double perToken(TrainConfig config) throws IOException {
        CorpusTokens tokens;
        try (TrainingData data = TrainingData.open(config)) {
            tokens = CorpusTokens.of(data);
        }
        long head;
        long layers = 0;
        try (CausalLm model = CausalLm.load(config.model().model(), Device.cpu(), DataType.FLOAT32)) {
            ModelConfig shape = model.block().config();
            head = (long) shape.vocabSize() * shape.wordEmbedDim();
            for (Parameter parameter : model.block().getParameters().values()) {
                layers += parameter.getArray().size();
            }
            layers -= shape.tiedEmbeddings() ? head : 2 * head;
        }
        return (6.0 * layers * tokens.distinct() + 6.0 * head * tokens.responses()) / tokens.counted();
    }
}
