package dev.mopo.cli;

import ai.djl.ndarray.types.DataType;
import dev.mopo.bench.report.Tables;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.checkpoint.TensorInfo;
import dev.mopo.djl.model.ConfigParser;
import dev.mopo.djl.model.MemoryPlan;
import dev.mopo.djl.model.ModelConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mopo model info}: architecture, parameter count, stored dtype, and the GPU memory a full
 * fine-tune needs — read from config.json and the safetensors headers, without loading weights.
 */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print a checkpoint's architecture, parameter count and stored dtypes, and the memory plan of a"
                + " full fine-tune (weights, gradients, AdamW moments, activations per batch). Reads headers only:"
                + " fast even for large checkpoints."})
final class ModelInfoCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The checkpoint folder.")
    private Path model;

    @Option(names = "--batch", defaultValue = "8", description = "Sequences per batch for the plan (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = {"--sequence", "--seq"}, description = "Tokens per sequence for the plan (default: ${DEFAULT-VALUE}).")
    private int sequence = 1024;

    @Override
    public Integer call() throws Exception {
        ModelConfig config = ConfigParser.read(model.resolve("config.json"));
        MemoryPlan plan = MemoryPlan.of(config, DataType.FLOAT32);
        Map<String, Long> stored = new TreeMap<>();
        try (Checkpoint checkpoint = Checkpoint.open(model)) {
            for (String name : checkpoint.names()) {
                TensorInfo info = checkpoint.info(name).orElseThrow();
                stored.merge(info.dtype().name(), info.elements(), Long::sum);
            }
        }
        System.out.printf(Locale.ROOT, "model            %s%n", model);
        System.out.printf(Locale.ROOT, "architecture     %s (%s)%n", config.architecture(), config.modelType());
        System.out.printf(Locale.ROOT, "parameters       %,d (%.2f B)%n", plan.parameters(), plan.parameters() / 1e9);
        System.out.printf(Locale.ROOT, "stored dtypes    %s%n", stored);
        System.out.printf(Locale.ROOT, "layers           %d, hidden %d, heads %d (kv %d, head dim %d), intermediate %d%n",
                config.numLayers(), config.hiddenSize(), config.numHeads(), config.numKvHeads(), config.headDim(),
                config.intermediateSize());
        System.out.printf(Locale.ROOT, "vocabulary       %d, max positions %d, tied embeddings %s%n", config.vocabSize(),
                config.maxPositions(), config.tiedEmbeddings());
        System.out.println();
        System.out.printf(Locale.ROOT, "GPU memory plan for a full fine-tune in fp32, batch %d x %d tokens:%n", batch,
                sequence);
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("weights (fp32)", plan.weightBytes()));
        rows.add(row("gradients", plan.gradientBytes()));
        rows.add(row("AdamW moments (fp32)", plan.optimizerBytes()));
        rows.add(row("activations per batch (estimate)", plan.activationBytes(batch, sequence)));
        rows.add(row("total", plan.trainingBytes(batch, sequence)));
        rows.add(row("reference model, fp16 (only with reference_mode: live)", plan.weightBytes() / 2));
        System.out.print(Tables.text(List.of("item", "size"), rows));
        System.out.println("The activation figure is an estimate of this implementation (formula in MemoryPlan);"
                + " allocator overhead comes on top. The default precomputes reference log-probs, so the reference"
                + " model is not held during training.");
        return 0;
    }

    private static List<String> row(String item, long bytes) {
        return List.of(item, Tables.bytes(bytes));
    }
}
