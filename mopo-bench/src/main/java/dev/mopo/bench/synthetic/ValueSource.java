package dev.mopo.bench.synthetic;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where the published variants' per-response preference values {@code p̄_k} come from (spec §10):
 * responses in the tabular suite are identifiable, so their results can be pooled.
 */
public enum ValueSource {
    /** The pair's own outcome ({@code I_k}, {@code 1 − I_k}): one sample per value. */
    PAIR("pair"),
    /** Each response's results averaged over its pairs in the minibatch (response ids in the batch). */
    BATCH("batch"),
    /** Each response's results averaged over all the sampled pairs (given values in the batch). */
    DATA("data");

    private final String id;

    ValueSource(String id) {
        this.id = id;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** The source named {@code id}; unknown names are an error listing the known ones. */
    public static ValueSource byId(String id) {
        for (ValueSource source : values()) {
            if (source.id.equals(id)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown preference-value source '" + id + "'; the sources are "
                + Arrays.stream(values()).map(ValueSource::id).collect(Collectors.joining(", ")));
    }
}
