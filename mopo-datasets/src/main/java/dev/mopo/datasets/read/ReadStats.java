package dev.mopo.datasets.read;

import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a read has seen so far: rows, pairs kept, and rejections by reason, those of later stages
 * reported through {@link PairReader#rejections()} included.
 */
public final class ReadStats {

    private final int keep;
    private long rows;
    private long pairs;
    private final EnumMap<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final List<Rejection> examples = new ArrayList<>();

    ReadStats(int keep) {
        this.keep = keep;
    }

    void row() {
        rows++;
    }

    void pair() {
        pairs++;
    }

    void unkeep() {
        pairs--;
    }

    void rejected(Rejection rejection) {
        rejected.merge(rejection.reason(), 1L, Long::sum);
        if (examples.size() < keep) {
            examples.add(rejection);
        }
    }

    /** Records read, rejected ones included. */
    public long rows() {
        return rows;
    }

    /** Pairs kept. */
    public long pairs() {
        return pairs;
    }

    /** Rejections by reason, in {@link RejectReason} order, reasons that never occurred left out. */
    public Map<RejectReason, Long> rejected() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(rejected));
    }

    /** All rejections. */
    public long rejectedTotal() {
        long total = 0;
        for (long count : rejected.values()) {
            total += count;
        }
        return total;
    }

    /** The first rejections, for reports. */
    public List<Rejection> examples() {
        return Collections.unmodifiableList(examples);
    }

    /** One line for logs: rows read, pairs kept, and the rejections by reason. */
    public String summary() {
        StringBuilder line = new StringBuilder(rows + " rows read, " + pairs + " pairs kept, " + rejectedTotal()
                + " rejected");
        if (!rejected.isEmpty()) {
            line.append(" (");
            rejected.forEach((reason, count) -> line.append(line.charAt(line.length() - 1) == '(' ? "" : ", ")
                    .append(reason.key()).append(": ").append(count));
            line.append(')');
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
