package dev.mopo.cli;

import dev.mopo.datasets.inspect.DataInspector;
import dev.mopo.datasets.inspect.InspectOptions;
import dev.mopo.datasets.inspect.InspectionReport;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.template.ChatTemplate;
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
                + " (characters, or tokens with --tokenizer: pairs are then tokenised as for training, and those"
                + " it cannot encode are rejected too). Bad rows are skipped and counted; --strict stops at"
                + " the first with its file, row and reason.",
            "Exit status: 0 when the corpus yields pairs, 1 when every row is rejected, 2 when the file is refused."})
final class DataInspectCommand implements Callable<Integer> {

    @Option(names = {"--dataset-preset", "--preset"}, required = true, paramLabel = "NAME",
            description = "pku-safe-rlhf, hh-rlhf, ultrafeedback, helpsteer2 or generic.")
    private String preset;

    @Option(names = {"--dataset-path", "--path"}, required = true, paramLabel = "FILE_OR_DIR", description = "The corpus.")
    private Path path;

    @Option(names = {"--dataset-option", "--option"}, paramLabel = "KEY=VALUE",
            description = "A preset option, repeatable (e.g. subset=harmless-base, objectives=helpful,harmless).")
    private List<String> options = new ArrayList<>();

    @Option(names = "--strict", description = "Stop at the first bad row with its file, row and reason.")
    private boolean strict;

    @Option(names = "--json", description = "Print one JSON object (keys include pairs, rejected, conflict_rate).")
    private boolean json;

    @Option(names = "--tokenizer", paramLabel = "DIR",
            description = "A checkpoint folder: tokenise pairs as training does and measure lengths in its tokens.")
    private Path tokenizer;

    @Option(names = "--chat-template", paramLabel = "CHOICE",
            description = "With --tokenizer: ${COMPLETION-CANDIDATES} (default: auto, the checkpoint's own template,"
                    + " else the preset's text template).")
    private TemplateChoice template;

    @Override
    public Integer call() throws Exception {
        if (template != null && tokenizer == null) {
            throw new IllegalArgumentException("--chat-template needs --tokenizer");
        }
        InspectOptions inspect = InspectOptions.defaults().withStrict(strict);
        Preset corpus = Presets.create(preset, options, path);
        InspectionReport report;
        if (tokenizer == null) {
            report = DataInspector.inspect(path, corpus, inspect);
        } else {
            try (HfTokenizer loaded = HfTokenizer.load(tokenizer)) {
                ChatTemplate chat = ChatTemplates.named(template == null ? TemplateChoice.AUTO : template, tokenizer,
                        corpus.textTemplate());
                report = DataInspector.inspect(path, corpus, inspect.withTokens(loaded.encoder(), chat));
            }
        }
        System.out.println(json ? report.toJson() : report.toText());
        if (report.fileError() != null) {
            System.err.println("mopo: " + path + " refused: " + report.fileError());
            return 2;
        }
        if (report.pairs() == 0) {
            System.err.println("mopo: " + path + " yields no pairs: all " + report.rows() + " rows were rejected");
            return 1;
        }
        return 0;
    }
}
