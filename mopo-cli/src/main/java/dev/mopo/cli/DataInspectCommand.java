package dev.mopo.cli;

import dev.mopo.datasets.inspect.DataInspector;
import dev.mopo.datasets.inspect.InspectOptions;
import dev.mopo.datasets.inspect.InspectionReport;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mopo data inspect}: what a preset keeps and rejects in a corpus, how its objectives are
 * balanced and how often they disagree with the primary.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read a corpus with a preset and report: pairs kept, rows rejected by reason, per-objective"
                + " label balance, how often each objective disagrees with the primary, and length statistics"
                + " (characters, or tokens with --tokenizer). Bad rows are skipped and counted; --strict stops at"
                + " the first with its file, row and reason."})
final class DataInspectCommand implements Callable<Integer> {

    @Option(names = "--preset", required = true, paramLabel = "NAME",
            description = "pku-safe-rlhf, hh-rlhf, ultrafeedback, helpsteer2 or generic.")
    private String preset;

    @Option(names = "--path", required = true, paramLabel = "FILE_OR_DIR", description = "The corpus.")
    private Path path;

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "A preset option, repeatable (e.g. subset=harmless-base, objectives=helpful,harmless).")
    private List<String> options = new ArrayList<>();

    @Option(names = "--strict", description = "Stop at the first bad row with its file, row and reason.")
    private boolean strict;

    @Option(names = "--json", description = "Print one JSON object (keys include pairs, rejected, conflict_rate).")
    private boolean json;

    @Option(names = "--tokenizer", paramLabel = "DIR",
            description = "A checkpoint folder: measure lengths in its tokens, prompts rendered with its chat template.")
    private Path tokenizer;

    @Override
    public Integer call() throws Exception {
        InspectOptions inspect = InspectOptions.defaults().withStrict(strict);
        InspectionReport report;
        if (tokenizer == null) {
            report = DataInspector.inspect(path, Presets.create(preset, options, path), inspect);
        } else {
            try (HfTokenizer loaded = HfTokenizer.load(tokenizer)) {
                report = DataInspector.inspect(path, Presets.create(preset, options, path),
                        inspect.withTokens(loaded.encoder(), ChatTemplates.named(TemplateChoice.AUTO, tokenizer)));
            }
        }
        System.out.println(json ? report.toJson() : report.toText());
        return 0;
    }
}
