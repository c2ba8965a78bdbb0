package dev.mopo.bench.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One policy's results.
 *
 * @param name the policy's name
 * @param folder its checkpoint folder
 * @param objectives objective → its mean score and win rate, in the objectives' order
 * @param nonDominated whether no other policy's win rates are at least as high on every objective
 *     and higher on one
 */
public record PolicySummary(String name, String folder, Map<String, ObjectiveSummary> objectives,
        boolean nonDominated) {

    /** Copies the objectives, keeping their order. */
    public PolicySummary {
        objectives = Collections.unmodifiableMap(new LinkedHashMap<>(objectives));
    }

    /** The win rates, in the objectives' order. */
    double[] winRates() {
        return objectives.values().stream().mapToDouble(o -> o.winRate().value()).toArray();
    }
}
