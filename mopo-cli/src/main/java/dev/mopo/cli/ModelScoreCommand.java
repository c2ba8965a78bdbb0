package dev.mopo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.djl.score.RewardInputs;
import dev.mopo.djl.score.RewardModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mopo model score}: a reward model's scores for prompt/response lines. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score responses with a reward model: a transformers *ForSequenceClassification checkpoint"
                + " (Llama, Mistral, Qwen2, GPT-NeoX, OPT, GPT-2) or a Safe-RLHF score model, as transformers scores"
                + " them.",
            "Each input line is {\"prompt\": ..., \"response\": ...} (one score) or {\"prompt\": ..., \"chosen\":"
                + " ..., \"rejected\": ...} (two, tab-separated). The text scored is the model's own format: its chat"
                + " template with a user and an assistant turn when tokenizer_config.json has one, else prompt +"
                + " response with the tokenizer's special tokens. Prints one output line per input line (blank lines"
                + " skipped)."})
final class ModelScoreCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "The reward model folder (config.json, safetensors, tokenizer.json).")
    private Path model;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The JSONL file to score.")
    private Path input;

    @Option(names = "--label", paramLabel = "NAME|INDEX",
            description = "The output to print, by id2label name or index (default: the only one; required when the"
                    + " model has several).")
    private String label;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
            description = "Sequences per forward pass (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--json", description = "Print one JSON object per line: {\"line\", \"score\"} or {\"line\","
            + " \"chosen\", \"rejected\"}.")
    private boolean json;

    @Mixin
    private DeviceOption device;

    @Override
    public Integer call() throws Exception {
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        }
        List<ScoreInputLine> lines = ScoreInputLine.read(input);
        ObjectMapper mapper = new ObjectMapper();
        try (RewardInputs inputs = RewardInputs.load(model); RewardModel rm = RewardModel.load(model, device.device())) {
            int column = column(rm);
            for (int start = 0; start < lines.size(); start += batchSize) {
                List<ScoreInputLine> chunk = lines.subList(start, Math.min(start + batchSize, lines.size()));
                List<long[]> sequences = new ArrayList<>();
                for (ScoreInputLine line : chunk) {
                    for (String response : line.responses()) {
                        sequences.add(inputs.encode(line.prompt(), response));
                    }
                }
                float[][] scores = rm.scores(sequences, batchSize);
                int next = 0;
                for (ScoreInputLine line : chunk) {
                    float first = scores[next++][column];
                    Float second = line.isPair() ? scores[next++][column] : null;
                    System.out.println(json ? jsonLine(mapper, line, first, second)
                            : second == null ? Float.toString(first) : first + "\t" + second);
                }
            }
        }
        return 0;
    }

    private int column(RewardModel rm) {
        if (label != null) {
            return rm.labels().index(label);
        }
        if (rm.labels().count() > 1) {
            throw new IllegalArgumentException(model + " has " + rm.labels().count() + " labels (" + rm.labels().describe()
                    + "): choose one with --label");
        }
        return 0;
    }

    private static String jsonLine(ObjectMapper mapper, ScoreInputLine line, float first, Float second) {
        ObjectNode node = mapper.createObjectNode().put("line", line.line());
        if (second == null) {
            node.put("score", first);
        } else {
            node.put("chosen", first).put("rejected", second);
        }
        return node.toString();
    }
}
