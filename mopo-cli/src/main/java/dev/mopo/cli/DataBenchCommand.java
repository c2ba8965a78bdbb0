package dev.mopo.cli;

import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.bench.data.DataBenchmark;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.datasets.tokenizer.SpecialToken;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mopo bench data}: read, tokenise and batch a corpus end to end, printing pairs per
 * second and peak memory. {@code mopo-bench/src/test/bench/run_data_bench.sh} runs it beside
 * Hugging Face {@code datasets .map} on the same generated file and tokenizer.
 */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Read and tokenise a corpus into batches; print pairs/s and peak memory as one JSON line.")
final class DataBenchCommand implements Callable<Integer> {

    @Option(names = {"--dataset-path", "--path"}, required = true, paramLabel = "FILE_OR_DIR", description = "The corpus.")
    private Path path;

    @Option(names = "--tokenizer", required = true, paramLabel = "DIR", description = "Folder with tokenizer.json.")
    private Path tokenizer;

    @Option(names = {"--dataset-preset", "--preset"}, defaultValue = "pku-safe-rlhf", description = "Preset (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = {"--dataset-option", "--option"}, paramLabel = "KEY=VALUE", description = "A preset option, repeatable.")
    private List<String> options = List.of();

    @Option(names = "--chat-template", defaultValue = "pku",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private TemplateChoice template;

    @Option(names = "--batch-size", defaultValue = "8", description = "Pairs per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--max-length", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}.")
    private int maxLength;

    @Option(names = "--max-prompt-length", defaultValue = "512", description = "Default: ${DEFAULT-VALUE}.")
    private int maxPromptLength;

    @Override
    public Integer call() throws Exception {
        try (HfTokenizer loaded = HfTokenizer.load(tokenizer)) {
            int pad = Math.toIntExact(loaded.specialTokens().pad().map(SpecialToken::id).orElse(0L));
            BatchConfig batching = BatchConfig.builder(pad).batchSize(batchSize).maxLength(maxLength)
                    .maxPromptLength(maxPromptLength).build();
            Preset corpus = Presets.create(preset, options, path);
            DataBenchmark.Result result = DataBenchmark.run(path, corpus,
                    ChatTemplates.named(template, tokenizer, corpus.textTemplate()), loaded.encoder(), batching);
            System.out.println(result.toJson(Map.of()));
        }
        return 0;
    }
}
