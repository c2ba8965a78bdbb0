package dev.mopo.cli;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.djl.model.CausalLm;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mopo model logits}: the logits at every position of one id sequence. */
@Command(name = "logits", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the logits at every position for a sequence of token ids (compare with transformers).")
final class ModelLogitsCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The checkpoint folder.")
    private Path model;

    @Option(names = "--ids", required = true, split = ",", paramLabel = "ID", description = "Token ids, e.g. 1,2,3.")
    private List<Long> ids;

    @Option(names = "--json", description = "Print a JSON array (one array of floats per position) instead of rows.")
    private boolean json;

    @Mixin
    private DeviceOption device;

    @Override
    public Integer call() throws Exception {
        long[] sequence = ids.stream().mapToLong(Long::longValue).toArray();
        float[][] logits;
        try (CausalLm lm = CausalLm.load(model, device.device(), DataType.FLOAT32)) {
            for (long id : sequence) {
                if (id < 0 || id >= lm.config().vocabSize()) {
                    throw new IllegalArgumentException("--ids: token id " + id + " is outside the vocabulary [0, "
                            + lm.config().vocabSize() + ")");
                }
            }
            logits = lm.logits(sequence);
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(logits));
        } else {
            for (int t = 0; t < logits.length; t++) {
                System.out.println("position " + t + ": " + java.util.Arrays.toString(logits[t]));
            }
        }
        return 0;
    }
}
