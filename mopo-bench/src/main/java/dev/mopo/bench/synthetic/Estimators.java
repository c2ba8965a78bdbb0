package dev.mopo.bench.synthetic;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The win-rate estimators that drive §5's ascent for the regression of §4 ({@code mopo-regression});
 * each is a method of its own in reports.
 */
public enum Estimators {
    SNIS("snis", "mopo-regression"),
    PAIRWISE("pairwise", "mopo-regression-pairwise"),
    ORACLE("oracle", "mopo-regression-oracle");

    private final String id;
    private final String method;

    Estimators(String id, String method) {
        this.id = id;
        this.method = method;
    }

    /** The name on the command line. */
    public String id() {
        return id;
    }

    /** The method name in reports. */
    public String method() {
        return method;
    }

    /** The estimator named {@code id}; unknown names are an error listing the known ones. */
    public static Estimators byId(String id) {
        for (Estimators e : values()) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + id + "'; the estimators are "
                + Arrays.stream(values()).map(Estimators::id).collect(Collectors.joining(", ")));
    }
}
