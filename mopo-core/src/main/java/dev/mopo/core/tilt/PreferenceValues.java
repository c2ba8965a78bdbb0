package dev.mopo.core.tilt;

import dev.mopo.core.batch.PreferenceBatch;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-response preference values {@code p̄_k(x, y) = E_{y'∼μ} p_k(y ≻ y' | x)} of a batch's
 * responses (spec §10), estimated as well as the batch allows:
 *
 * <ol>
 *   <li>the batch's {@link PreferenceBatch#preferenceValues() given values} (for example each
 *       response's results pooled over a whole corpus);
 *   <li>with {@link PreferenceBatch#responseIds() response ids}, each response's results averaged
 *       over all its pairs in the batch;
 *   <li>otherwise the pair's own outcome: {@code I_k} for {@code y_a}, {@code 1 − I_k} for
 *       {@code y_b}, ½ each for a tie or a missing label.
 * </ol>
 *
 * <p>The one-sample estimate (3) is unbiased for {@code p̄} but not for anything exponential in it
 * (Eq. 3's weights): the more results are pooled, the smaller that bias.
 */
public final class PreferenceValues {

    private PreferenceValues() {}

    /** {@code p̄_k} of {@code y_a} and {@code y_b} of every pair, {@code [2][B][K]}, each in {@code [0, 1]}. */
    public static double[][][] of(PreferenceBatch batch) {
        var given = batch.preferenceValues();
        if (given.isPresent()) {
            return given.get();
        }
        double[][] outcomes = batch.outcomeRows();
        int pairs = outcomes.length;
        int k = batch.numObjectives();
        double[][][] values = new double[2][pairs][k];
        for (int i = 0; i < pairs; i++) {
            for (int j = 0; j < k; j++) {
                double indicator = (1 + outcomes[i][j]) / 2;
                values[0][i][j] = indicator;
                values[1][i][j] = 1 - indicator;
            }
        }
        var ids = batch.responseIds();
        return ids.isPresent() ? pooled(values, ids.get()) : values;
    }

    /** Each response's values replaced by the mean over every occurrence of its id. */
    private static double[][][] pooled(double[][][] values, long[][] ids) {
        int pairs = values[0].length;
        int k = values[0][0].length;
        Map<Long, double[]> sums = new HashMap<>();
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < pairs; i++) {
                double[] sum = sums.computeIfAbsent(ids[side][i], id -> new double[k + 1]);
                for (int j = 0; j < k; j++) {
                    sum[j] += values[side][i][j];
                }
                sum[k]++;
            }
        }
        double[][][] pooled = new double[2][pairs][k];
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < pairs; i++) {
                double[] sum = sums.get(ids[side][i]);
                for (int j = 0; j < k; j++) {
                    pooled[side][i][j] = sum[j] / sum[k];
                }
            }
        }
        return pooled;
    }
}
