package dev.mopo.bench.synthetic;

import dev.mopo.core.tabular.TabularSolution;
import java.util.List;
import java.util.Map;

/**
 * Everything the suite learned about one structure.
 *
 * @param structure the preference structure
 * @param exactFront the exact optimum at every threshold of the grid (some may be infeasible)
 * @param denseFront a dense sweep of the exact front, for plots (two objectives only)
 * @param points every trained policy, by method, in sweep order
 * @param thresholdOutcomes per MOPO variant, one outcome per threshold of the grid
 * @param summaries per method, in the order trained
 * @param seconds wall time for the structure
 */
public record StructureResult(Structure structure, List<TabularSolution> exactFront, List<TabularSolution> denseFront,
        Map<String, List<PolicyPoint>> points, Map<String, List<ThresholdOutcome>> thresholdOutcomes,
        List<MethodSummary> summaries, double seconds) {}
