package dev.mopo.bench.synthetic;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The MOPO variants driven by the data dual (spec §10), each a method of its own in reports. They
 * separate "which policy step" (behaviour cloning, Eq. 7, or the regression of §4) from "which
 * dual" (the data's closed form, by Eq. 9's Lagrangian step or the log barrier); the
 * estimator-driven ascent of §5 is {@link Estimators}.
 */
public enum Variant {
    /** Published MOPO (MOPO-Lag): behaviour cloning with the Lagrangian data dual. */
    MOPO("mopo", true, false, false),
    /** MOPO-LB: behaviour cloning with the log-barrier data dual. */
    MOPO_LB("mopo-lb", true, true, false),
    /** Published MOPO fed the exact preference values {@code p̄_k = r_k}: what estimation costs. */
    MOPO_ORACLE("mopo-oracle", true, false, true),
    /** The regression of §4 with the Lagrangian data dual. */
    REGRESSION_DATA("mopo-regression-data", false, false, false);

    private final String method;
    private final boolean cloning;
    private final boolean barrier;
    private final boolean exactValues;

    Variant(String method, boolean cloning, boolean barrier, boolean exactValues) {
        this.method = method;
        this.cloning = cloning;
        this.barrier = barrier;
        this.exactValues = exactValues;
    }

    /** The method name in reports and on the command line. */
    public String method() {
        return method;
    }

    /** Whether the policy step is behaviour cloning (else the regression). */
    boolean cloning() {
        return cloning;
    }

    /** Whether the dual is the log barrier (else Eq. 9's Lagrangian rule). */
    boolean barrier() {
        return barrier;
    }

    /** Whether the data dual reads the exact {@code r_k} instead of estimates from the pairs. */
    boolean exactValues() {
        return exactValues;
    }

    /** The variant named {@code method}; unknown names are an error listing the known ones. */
    public static Variant byMethod(String method) {
        for (Variant v : values()) {
            if (v.method.equals(method)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown variant '" + method + "'; the variants are "
                + Arrays.stream(values()).map(Variant::method).collect(Collectors.joining(", ")));
    }
}
