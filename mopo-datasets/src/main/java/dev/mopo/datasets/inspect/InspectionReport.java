package dev.mopo.datasets.inspect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.datasets.reject.Rejection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link DataInspector} found: rows read, pairs kept, rows rejected by reason (with the
 * first few named), a file-level error if the file was refused, per-objective label balance,
 * conflict with the primary objective, and lengths.
 *
 * <p>{@link #toJson()} gives one JSON object with at least {@code pairs}, {@code rejected}
 * (reason → count) and {@code conflict_rate} (objective → fraction, {@code null} when no pair
 * is comparable); {@link #toText()} gives the same for people.
 *
 * @param path the file or folder inspected
 * @param preset the preset's name
 * @param objectives objective names, primary first
 * @param rows records read, rejected ones included (the physical count for a refused file)
 * @param pairs pairs kept
 * @param rejected rejected rows by reason key, in reason order
 * @param examples the first rejected rows
 * @param fileError why the whole file was refused ({@code reason: detail}), or null
 * @param balance outcome counts per objective
 * @param conflicts disagreement with the primary per constrained objective
 * @param lengthUnit {@code chars} or {@code tokens}
 * @param lengths lengths of {@code prompt}, {@code response_a}, {@code response_b}
 */
public record InspectionReport(String path, String preset, List<String> objectives, long rows, long pairs,
        Map<String, Long> rejected, List<Rejection> examples, String fileError, Map<String, OutcomeCounts> balance,
        Map<String, Conflict> conflicts, String lengthUnit, Map<String, LengthSummary> lengths) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Rows rejected, all reasons together. */
    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The report as one JSON object. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("path", path);
        root.put("preset", preset);
        ArrayNode names = root.putArray("objectives");
        objectives.forEach(names::add);
        root.put("rows", rows);
        root.put("pairs", pairs);
        ObjectNode reasons = root.putObject("rejected");
        rejected.forEach(reasons::put);
        root.put("rejected_total", rejectedTotal());
        ArrayNode listed = root.putArray("rejected_examples");
        for (Rejection rejection : examples) {
            ObjectNode item = listed.addObject();
            item.put("file", rejection.file().toString());
            item.put("row", rejection.row());
            item.put("reason", rejection.reason().key());
            item.put("detail", rejection.detail());
        }
        if (fileError == null) {
            root.putNull("file_error");
        } else {
            root.put("file_error", fileError);
        }
        ObjectNode balances = root.putObject("label_balance");
        balance.forEach((objective, counts) -> {
            ObjectNode item = balances.putObject(objective);
            item.put("+1", counts.preferA());
            item.put("-1", counts.preferB());
            item.put("0", counts.ties());
        });
        ObjectNode rates = root.putObject("conflict_rate");
        ObjectNode details = root.putObject("conflicts");
        conflicts.forEach((objective, conflict) -> {
            if (Double.isNaN(conflict.rate())) {
                rates.putNull(objective);
            } else {
                rates.put(objective, conflict.rate());
            }
            ObjectNode item = details.putObject(objective);
            item.put("comparable", conflict.comparable());
            item.put("disagreeing", conflict.disagreeing());
        });
        ObjectNode sizes = root.putObject("lengths");
        sizes.put("unit", lengthUnit);
        lengths.forEach((field, summary) -> {
            ObjectNode item = sizes.putObject(field);
            item.put("count", summary.count());
            item.put("min", summary.min());
            item.put("mean", summary.mean());
            item.put("p50", summary.p50());
            item.put("p95", summary.p95());
            item.put("p99", summary.p99());
            item.put("max", summary.max());
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the inspection report could not be written as JSON", e);
        }
    }

    /** The report as aligned text. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(preset).append(" on ").append(path).append('\n');
        if (fileError != null) {
            out.append("FILE REFUSED: ").append(fileError).append('\n');
        }
        out.append(String.format(Locale.ROOT, "%-22s %d%n", "rows read", rows));
        out.append(String.format(Locale.ROOT, "%-22s %d%n", "pairs kept", pairs));
        out.append(String.format(Locale.ROOT, "%-22s %d%n", "rows rejected", rejectedTotal()));
        rejected.forEach((reason, count) ->
                out.append(String.format(Locale.ROOT, "  %-26s %d%n", reason, count)));
        for (Rejection rejection : examples) {
            out.append("    ").append(rejection.message()).append('\n');
        }
        if (pairs == 0) {
            return out.toString();
        }
        out.append(String.format(Locale.ROOT, "%nlabel balance%n  %-22s %14s %14s %14s%n", "", "+1 (a)", "-1 (b)",
                "0"));
        balance.forEach((objective, counts) -> out.append(String.format(Locale.ROOT, "  %-22s %14s %14s %14s%n",
                objective + (objective.equals(objectives.get(0)) ? " (primary)" : ""),
                share(counts.preferA(), counts.total()), share(counts.preferB(), counts.total()),
                share(counts.ties(), counts.total()))));
        if (!conflicts.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%ndisagreement with %s (pairs where both prefer a response)%n",
                    objectives.get(0)));
            conflicts.forEach((objective, conflict) -> out.append(String.format(Locale.ROOT,
                    "  %-22s %s%n", objective, conflict.comparable() == 0 ? "no comparable pairs"
                            : String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100 * conflict.rate(),
                                    conflict.disagreeing(), conflict.comparable()))));
        }
        out.append(String.format(Locale.ROOT, "%nlengths in %s%n  %-18s %8s %8s %8s %8s %8s %8s%n", lengthUnit, "",
                "min", "mean", "p50", "p95", "p99", "max"));
        lengths.forEach((field, s) -> out.append(String.format(Locale.ROOT,
                "  %-18s %8d %8.1f %8d %8d %8d %8d%n", field, s.min(), s.mean(), s.p50(), s.p95(), s.p99(), s.max())));
        return out.toString();
    }

    private static String share(long count, long total) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", count, total == 0 ? 0.0 : 100.0 * count / total);
    }
}
