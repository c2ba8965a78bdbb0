package dev.mopo.core.tilt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.mopo.core.batch.PreferenceBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2B responses of B preference pairs read as a sample of {@code π_ref(·|x)} (spec §10): per
 * response its preference values {@code p̄_k}, the prompt group it belongs to, and its log
 * importance ratio {@code log π_ref(y|x) − log μ(y|x)} (0 when the data's policy is the reference).
 * Responses {@code 0 … B−1} are the pairs' {@code y_a}, {@code B … 2B−1} their {@code y_b}.
 *
 * <p>A group is the set of responses to one prompt; a pair without a prompt id is a group of its
 * own. Expectations over {@code x} weigh each group by its share of the pairs.
 *
 * <p>As {@linkplain #rows() rows} (one per pair: prompt id, the two log importance ratios, then the
 * K values of {@code y_a} and the K values of {@code y_b}) a sample can be stored and rebuilt, and
 * samples from several batches concatenated.
 */
public final class ResponseSample {

    /** The prompt id of a pair that shares its prompt with no other pair. */
    public static final long OWN_PROMPT = -1;

    private final int objectives;
    private final List<double[]> rows;
    private final double[][] values;
    private final double[] logImportance;
    private final int[] group;
    private final double[] groupShare;
    private double[] logImportanceMass;
    private double[] reference;

    private ResponseSample(List<double[]> rows, int objectives) {
        this.objectives = objectives;
        this.rows = rows;
        int pairs = rows.size();
        values = new double[2 * pairs][];
        logImportance = new double[2 * pairs];
        group = new int[2 * pairs];
        Map<Long, Integer> groups = new HashMap<>();
        int[] groupPairs = new int[pairs];
        int groupCount = 0;
        long lastPrompt = OWN_PROMPT;
        int lastGroup = -1;
        for (int i = 0; i < pairs; i++) {
            double[] row = rows.get(i);
            long prompt = (long) row[0];
            int g;
            if (prompt == OWN_PROMPT) {
                g = groupCount++;
            } else if (prompt == lastPrompt) {
                g = lastGroup;
            } else {
                Integer known = groups.get(prompt);
                g = known == null ? groupCount++ : known;
                groups.put(prompt, g);
            }
            lastPrompt = prompt;
            lastGroup = g;
            groupPairs[g]++;
            group[i] = g;
            group[pairs + i] = g;
            logImportance[i] = row[1];
            logImportance[pairs + i] = row[2];
            values[i] = java.util.Arrays.copyOfRange(row, 3, 3 + objectives);
            values[pairs + i] = java.util.Arrays.copyOfRange(row, 3 + objectives, 3 + 2 * objectives);
        }
        groupShare = new double[groupCount];
        for (int g = 0; g < groupCount; g++) {
            groupShare[g] = (double) groupPairs[g] / pairs;
        }
    }

    /**
     * The responses of {@code batch} as seen by run {@code run} (the row of the batch's leading run
     * axis whose reference log-probs to use; 0 without one). Preference values come from
     * {@link PreferenceValues#of}.
     */
    public static ResponseSample of(PreferenceBatch batch, int run) {
        return new ResponseSample(rows(batch, run), batch.numObjectives());
    }

    /** The {@linkplain #rows() rows} of {@link #of(PreferenceBatch, int)}, without building the sample. */
    public static List<double[]> rows(PreferenceBatch batch, int run) {
        double[][][] values = PreferenceValues.of(batch);
        int pairs = batch.size();
        int k = batch.numObjectives();
        double[][] logImportance = new double[2][pairs];
        batch.logImportance().ifPresent(arrays -> {
            logImportance[0] = runRow(arrays[0], run, pairs);
            logImportance[1] = runRow(arrays[1], run, pairs);
        });
        long[] prompts = batch.promptIds().orElse(null);
        List<double[]> rows = new ArrayList<>(pairs);
        for (int i = 0; i < pairs; i++) {
            double[] row = new double[3 + 2 * k];
            row[0] = prompts == null ? OWN_PROMPT : prompts[i];
            row[1] = logImportance[0][i];
            row[2] = logImportance[1][i];
            System.arraycopy(values[0][i], 0, row, 3, k);
            System.arraycopy(values[1][i], 0, row, 3 + k, k);
            rows.add(row);
        }
        return rows;
    }

    /** A sample from {@linkplain #rows() rows} with {@code objectives} values per response. */
    public static ResponseSample fromRows(List<double[]> rows, int objectives) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a response sample needs at least one pair");
        }
        for (double[] row : rows) {
            if (row.length != 3 + 2 * objectives) {
                throw new IllegalArgumentException("a pair row with " + objectives + " objectives has "
                        + (3 + 2 * objectives) + " numbers, got " + row.length);
            }
        }
        return new ResponseSample(List.copyOf(rows), objectives);
    }

    private static double[] runRow(NDArray logImportance, int run, int pairs) {
        double[] flat = logImportance.toType(DataType.FLOAT64, false).toDoubleArray();
        int runs = flat.length / pairs;
        if (runs > 1 && (run < 0 || run >= runs)) {
            throw new IllegalArgumentException("run " + run + " is outside the batch's " + runs + " runs");
        }
        int row = runs == 1 ? 0 : run;
        return java.util.Arrays.copyOfRange(flat, row * pairs, (row + 1) * pairs);
    }

    /** One row per pair: prompt id, log importance ratios of {@code y_a} and {@code y_b}, then their K values each. */
    public List<double[]> rows() {
        return rows;
    }

    /** B, the number of pairs. */
    public int pairs() {
        return rows.size();
    }

    /** 2B, the number of responses. */
    public int size() {
        return values.length;
    }

    /** K, the number of objectives. */
    public int objectives() {
        return objectives;
    }

    /** {@code p̄_k} of response {@code i}. */
    public double value(int i, int k) {
        return values[i][k];
    }

    /** {@code log π_ref(y_i|x) − log μ(y_i|x)}. */
    public double logImportance(int i) {
        return logImportance[i];
    }

    /** The group (0-based) of response {@code i}. */
    public int group(int i) {
        return group[i];
    }

    /** The number of groups. */
    public int groups() {
        return groupShare.length;
    }

    /** Group {@code g}'s share of the pairs: the weight of its prompt in expectations over {@code x}. */
    public double groupShare(int g) {
        return groupShare[g];
    }

    /**
     * {@code π_ref}'s weight on each response: the group's share times the self-normalised
     * importance weight {@code π_ref/μ} within the group; sums to 1. A copy.
     */
    public double[] referenceWeights() {
        if (reference == null) {
            reference = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                int g = group[i];
                reference[i] = groupShare[g] * Math.exp(logImportance[i] - logImportanceMass(g));
            }
        }
        return reference.clone();
    }

    /**
     * {@code 1 / Σ_i π_ref(i)²}: the effective size of the sample as a sample of {@code π_ref}; the
     * number of responses when the data came from the reference (with equal groups), smaller as
     * the importance weights {@code π_ref/μ} spread.
     */
    public double importanceEffectiveSampleSize() {
        referenceWeights();
        return inverseSumOfSquares(reference);
    }

    /** {@code 1 / Σ w²} of weights that sum to 1: how many responses they effectively rest on. */
    public static double inverseSumOfSquares(double[] weights) {
        double squares = 0;
        for (double w : weights) {
            squares += w * w;
        }
        return 1 / squares;
    }

    /**
     * {@code log Σ_{i∈g} exp(logImportance(i))} for group {@code g}: the log of its number of
     * responses when the data came from the reference.
     */
    public double logImportanceMass(int g) {
        if (logImportanceMass == null) {
            int groups = groupShare.length;
            double[] max = new double[groups];
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < values.length; i++) {
                max[group[i]] = Math.max(max[group[i]], logImportance[i]);
            }
            double[] sum = new double[groups];
            for (int i = 0; i < values.length; i++) {
                sum[group[i]] += logImportance[i] == max[group[i]] ? 1 : Math.exp(logImportance[i] - max[group[i]]);
            }
            for (int h = 0; h < groups; h++) {
                sum[h] = max[h] + Math.log(sum[h]);
            }
            logImportanceMass = sum;
        }
        return logImportanceMass[g];
    }
}
