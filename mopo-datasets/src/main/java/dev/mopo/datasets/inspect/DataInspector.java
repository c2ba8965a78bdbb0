package dev.mopo.datasets.inspect;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.read.ReadStats;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.reject.RejectReason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a corpus once, streaming, and reports what it holds and what was thrown away: the
 * library side of {@code mopo data inspect --preset NAME --path FILE_OR_DIR [--strict] [--json]}.
 *
 * <pre>{@code
 * Preset preset = Presets.create(name, options, path);
 * InspectionReport report = DataInspector.inspect(path, preset, InspectOptions.defaults().withStrict(strict));
 * System.out.print(json ? report.toJson() : report.toText());
 * }</pre>
 *
 * <p>A refused file (missing or mistyped required column, unsupported format) is reported with
 * {@code file_error} set and no pairs; in strict mode it is thrown instead, as is the first bad
 * row (a {@link dev.mopo.datasets.reject.BadRowException} naming file, row, reason, field and value).
 */
public final class DataInspector {

    private static final String[] FIELDS = {"prompt", "response_a", "response_b"};

    private DataInspector() {}

    /** Inspects {@code path} as {@code preset} reads it. */
    public static InspectionReport inspect(Path path, Preset preset, InspectOptions options) throws IOException {
        ObjectiveSet objectives = preset.objectives();
        int k = objectives.size();
        long[][] counts = new long[k][3];
        long[] comparable = new long[k];
        long[] disagreeing = new long[k];
        LengthStats[] lengths = {new LengthStats(), new LengthStats(), new LengthStats()};
        ReadOptions read = new ReadOptions(options.strict(), rejection -> { }, options.examples());
        ReadStats stats;
        String fileError = null;
        long refusedRows = -1;
        try (PairReader reader = PairReader.open(path, preset, read)) {
            stats = reader.stats();
            while (reader.hasNext()) {
                PreferenceExample pair = reader.next();
                int primary = pair.outcome(0).sign();
                for (int o = 0; o < k; o++) {
                    int sign = pair.outcome(o).sign();
                    counts[o][1 - sign]++;
                    if (o > 0 && primary != 0 && sign != 0) {
                        comparable[o]++;
                        if (sign != primary) {
                            disagreeing[o]++;
                        }
                    }
                }
                measure(pair, options, lengths);
            }
        } catch (DatasetFileException e) {
            if (options.strict()) {
                throw e;
            }
            stats = null;
            fileError = e.reason() + ": " + e.detail();
            refusedRows = e.rows().orElse(0);
        }
        Map<String, OutcomeCounts> balance = new LinkedHashMap<>();
        Map<String, Conflict> conflicts = new LinkedHashMap<>();
        for (int o = 0; o < k; o++) {
            balance.put(objectives.name(o), new OutcomeCounts(counts[o][0], counts[o][2], counts[o][1]));
            if (o > 0) {
                conflicts.put(objectives.name(o), new Conflict(comparable[o], disagreeing[o]));
            }
        }
        Map<String, LengthSummary> summaries = new LinkedHashMap<>();
        for (int f = 0; f < FIELDS.length; f++) {
            summaries.put(FIELDS[f], lengths[f].summary());
        }
        Map<String, Long> rejected = new LinkedHashMap<>();
        if (stats != null) {
            for (Map.Entry<RejectReason, Long> entry : stats.rejected().entrySet()) {
                rejected.put(entry.getKey().key(), entry.getValue());
            }
        }
        return new InspectionReport(path.toString(), preset.name(), objectives.names(),
                stats == null ? refusedRows : stats.rows(), stats == null ? 0 : stats.pairs(), rejected,
                stats == null ? List.of() : stats.examples(), fileError, balance, conflicts,
                options.encoder() == null ? "chars" : "tokens", summaries);
    }

    private static void measure(PreferenceExample pair, InspectOptions options, LengthStats[] lengths) {
        if (options.encoder() == null) {
            lengths[0].add(pair.prompt().text().length());
            lengths[1].add(pair.responseA().length());
            lengths[2].add(pair.responseB().length());
            return;
        }
        String prompt = options.template() == null ? pair.prompt().text() : options.template().render(pair.prompt());
        List<int[]> ids = options.encoder().encodeAll(List.of(prompt, pair.responseA(), pair.responseB()));
        for (int f = 0; f < FIELDS.length; f++) {
            lengths[f].add(ids.get(f).length);
        }
    }
}
