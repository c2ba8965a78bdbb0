package dev.mopo.datasets.inspect;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.datasets.batch.PairTokenizer;
import dev.mopo.datasets.batch.TokenLimits;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.read.ReadStats;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.reject.RejectReason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a corpus once, streaming, and reports what it holds and what was thrown away: the
 * library side of {@code mopo data inspect --dataset-preset NAME --dataset-path FILE_OR_DIR [--strict] [--json]
 * [--tokenizer DIR [--chat-template CHOICE]]}.
 *
 * <pre>{@code
 * Preset preset = Presets.create(name, options, path);
 * InspectionReport report = DataInspector.inspect(path, preset, InspectOptions.defaults().withStrict(strict));
 * System.out.print(json ? report.toJson() : report.toText());
 * }</pre>
 *
 * <p>With a tokenizer ({@link InspectOptions#withTokens}) every pair goes through the
 * {@link PairTokenizer} training uses (without truncation): pairs it refuses are counted with the
 * reader's rejections under their own reasons ({@code unencodable_text}, {@code no_response_tokens})
 * and left out of the balance, and lengths are the token counts the model is trained on (the
 * prompt with its BOS, each response with its EOS or end of turn).
 *
 * <p>A refused file (missing or mistyped required column, unsupported format) is reported with
 * {@code file_error} set and no pairs; in strict mode it is thrown instead, as is the first bad
 * row (a {@link dev.mopo.datasets.reject.BadRowException} naming file, row, reason, field and value).
 */
public final class DataInspector {

    private static final String[] FIELDS = {"prompt", "response_a", "response_b"};

    /** What the report needs of one kept pair: its outcome signs and the lengths of its three fields. */
    private record Measured(int[] signs, int prompt, int responseA, int responseB) {}

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
            for (Iterator<Measured> pairs = measured(reader, options); pairs.hasNext();) {
                Measured pair = pairs.next();
                int primary = pair.signs()[0];
                for (int o = 0; o < k; o++) {
                    int sign = pair.signs()[o];
                    counts[o][1 - sign]++;
                    if (o > 0 && primary != 0 && sign != 0) {
                        comparable[o]++;
                        if (sign != primary) {
                            disagreeing[o]++;
                        }
                    }
                }
                lengths[0].add(pair.prompt());
                lengths[1].add(pair.responseA());
                lengths[2].add(pair.responseB());
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

    /** The kept pairs, measured in characters, or in tokens as {@link PairTokenizer} tokenises them. */
    private static Iterator<Measured> measured(PairReader reader, InspectOptions options) {
        if (options.encoder() == null) {
            return map(reader, pair -> new Measured(signs(pair), pair.prompt().text().length(),
                    pair.responseA().length(), pair.responseB().length()));
        }
        PairTokenizer tokenizer = new PairTokenizer(options.template(), options.encoder(), TokenLimits.NONE,
                reader.rejections());
        return map(tokenizer.tokenize(reader), pair -> new Measured(pair.outcomes(), pair.prompt().length,
                pair.responseA().length, pair.responseB().length));
    }

    private static int[] signs(PreferenceExample pair) {
        int[] signs = new int[pair.numObjectives()];
        for (int o = 0; o < signs.length; o++) {
            signs[o] = pair.outcome(o).sign();
        }
        return signs;
    }

    private static <T> Iterator<Measured> map(Iterator<T> pairs, Function<T, Measured> measure) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pairs.hasNext();
            }

            @Override
            public Measured next() {
                return measure.apply(pairs.next());
            }
        };
    }
}
