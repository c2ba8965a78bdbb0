package dev.mopo.bench.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bootstrap intervals, win rates, the front and its hypervolume against values computed by hand. */
class StatisticsTest {

    @TempDir
    Path dir;

    @Test
    void theBootstrapResamplesPromptsAndInterpolatesItsQuantiles() {
        double[][] perPrompt = {{1, 0}, {1, 1}, {0, 0.5}};
        int[][] draws = {{0, 0, 1}, {2, 2, 2}, {0, 1, 2}, {1, 1, 0}};
        // resampled means: 4/6, 1.5/6, 3.5/6, 5/6; sorted 0.25, 0.5833, 0.6667, 0.8333
        // 50% interval: quantiles 0.25 and 0.75 at positions 0.75 and 2.25
        Estimate estimate = Bootstrap.estimate(perPrompt, draws, 0.5);
        assertEquals(3.5 / 6, estimate.value(), 1e-12);
        assertEquals(0.25 + 0.75 * (3.5 / 6 - 0.25), estimate.low(), 1e-12);
        assertEquals(4.0 / 6 + 0.25 * (5.0 / 6 - 4.0 / 6), estimate.high(), 1e-12);
        assertEquals(2.5, Bootstrap.quantile(new double[] {1, 2, 3, 4}, 0.5), 1e-12);
        assertEquals(1, Bootstrap.quantile(new double[] {1, 2, 3, 4}, 0), 1e-12);
        assertEquals(4, Bootstrap.quantile(new double[] {1, 2, 3, 4}, 1), 1e-12);
    }

    @Test
    void aSeededBootstrapIsRepeatableAndCoversItsMean() {
        double[][] perPrompt = {{0.1, 0.4}, {0.9, 0.7}, {0.3, 0.2}, {0.5, 0.8}, {0.6, 0.6}};
        Bootstrap bootstrap = new Bootstrap(2000, 0.9);
        Estimate first = bootstrap.estimate(perPrompt, 7);
        assertEquals(first, bootstrap.estimate(perPrompt, 7));
        assertEquals(0.51, first.value(), 1e-12);
        assertTrue(first.low() < first.value() && first.value() < first.high(), first.toString());
        double[][] constant = {{0.5, 0.5}, {0.5, 0.5}};
        assertEquals(new Estimate(0.5, 0.5, 0.5), bootstrap.estimate(constant, 7));
    }

    @Test
    void winsCountTiesAsHalf() {
        assertEquals(1, WinRate.indicator(2, 1));
        assertEquals(0.5, WinRate.indicator(1, 1));
        assertEquals(0, WinRate.indicator(0, 1));
        double[][] wins = WinRate.indicators(new double[][] {{2, 2}, {3, 1}}, new double[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {1, 0.5}, wins[0]);
        assertArrayEquals(new double[] {0.5, 0}, wins[1]);
    }

    /**
     * Two prompts, two samples, objectives a and b. Against the reference's scores a = [[1,2],[3,4]], b = 0:
     * p1 (a = [[2,3],[4,5]], b = [[0,-1],[0,-1]]) wins 1 on a and 0.25 on b; p2 (a = [[1,1],[3,3]],
     * b = [[1,1],[1,0]]) wins 0.25 and 0.875; p3 (a = [[1,2],[3,3]], b = 0) wins 0.375 and 0.5, dominated by the
     * reference (0.5, 0.5). Reference point (0.25, 0.25): only the reference's box, 0.25 × 0.25, has volume (p1 and
     * p2 each touch the reference point).
     */
    @Test
    void theSummaryHasWinRatesTheFrontAndItsHypervolume() throws IOException {
        Map<String, double[][][]> scores = new LinkedHashMap<>();
        scores.put("ref", new double[][][] {{{1, 2}, {3, 4}}, {{0, 0}, {0, 0}}});
        scores.put("p1", new double[][][] {{{2, 3}, {4, 5}}, {{0, -1}, {0, -1}}});
        scores.put("p2", new double[][][] {{{1, 1}, {3, 3}}, {{1, 1}, {1, 0}}});
        scores.put("p3", new double[][][] {{{1, 2}, {3, 3}}, {{0, 0}, {0, 0}}});
        Path folder = Files.createDirectories(dir.resolve("eval"));
        Map<String, String> policies = new LinkedHashMap<>();
        scores.keySet().forEach(name -> policies.put(name, dir.resolve(name).toString()));
        new EvalManifest("hand-made", new EvalManifest.Identity(2, "none", 2, Sampling.POLICY_DEFAULTS, "auto", 256, 0,
                8, List.of("s=java:s")), Shard.WHOLE, "ref", policies).mergeInto(folder, java.util.Set.of());
        try (JsonLines<Sample> samples = JsonLines.open(folder.resolve(EvalLogs.SAMPLES), Sample.class)) {
            scores.forEach((name, values) -> {
                for (int p = 0; p < 2; p++) {
                    for (int s = 0; s < 2; s++) {
                        Map<String, Double> both = new LinkedHashMap<>();
                        both.put("a", values[0][p][s]);
                        both.put("b", values[1][p][s]);
                        samples.append(new Sample(name, p, s, "prompt " + p, "response", both));
                    }
                }
            });
        }
        EvalSummary summary = Evaluation.report(List.of(folder), "ref", List.of("p1", "p2", "p3"), Bootstrap.DEFAULT,
                folder);
        assertEquals(List.of("a", "b"), summary.objectives());
        double[][] expected = {{0.5, 0.5}, {1, 0.25}, {0.25, 0.875}, {0.375, 0.5}};
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], summary.policies().get(i).winRates(), 1e-12, summary.policies().get(i).name());
        }
        assertEquals(3.5, summary.policy("p1").objectives().get("a").mean().value(), 1e-12);
        assertEquals(new Estimate(0.5, 0.5, 0.5), summary.policy("ref").objectives().get("a").winRate());
        assertEquals(List.of("ref", "p1", "p2"), summary.front());
        assertEquals(List.of(0.25, 0.25), summary.hypervolumeReference());
        assertEquals(0.0625, summary.hypervolume(), 1e-12);
        List<String> csv = Files.readAllLines(folder.resolve(SummaryFiles.CSV_FILE));
        assertEquals(1 + 4 * 2, csv.size());
        assertTrue(csv.contains("p1,a,3.5," + summary.policy("p1").objectives().get("a").mean().low() + ","
                + summary.policy("p1").objectives().get("a").mean().high() + ",1.0,1.0,1.0,true"), csv.toString());
        assertTrue(Files.readString(folder.resolve(SummaryFiles.JSON_FILE)).contains("\"hypervolume\" : 0.0625"));
    }

    @Test
    void hypervolumeInOneDimensionIsTheBestGain() {
        assertEquals(0.3, EvalSummary.hypervolume(List.of(new double[] {0.8}, new double[] {0.6}), new double[] {0.5}),
                1e-12);
    }
}
