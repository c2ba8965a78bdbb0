package dev.mopo.djl.train.data;

import com.carrotsearch.hppc.DoubleArrayList;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongIntHashMap;
import dev.mopo.core.batch.PromptNormalisers;
import dev.mopo.datasets.batch.TokenizedPair;
import java.util.Arrays;

/**
 * Every distinct response of a split with its results pooled over all the pairs holding it (spec
 * §10's {@code p̄_k(y)} estimated from the whole split; {@code preference_values: corpus}): for each
 * run objective, the mean of {@code I_k} over the pairs where it is response a and of
 * {@code 1 − I_k} where it is response b, a tie counting ½. Responses are keyed by
 * {@link TokenizedPair#responseKeyA()} (the same answer to the same prompt pools wherever it
 * occurs) and grouped by {@link TokenizedPair#promptKey()}, which gives Eq. 3's normaliser
 * {@code Z(x) = Σ_y (c(y)/n_x) exp(s(y)/τ)} over the prompt's responses ({@code c(y)} the response's
 * occurrences, {@code n_x} the prompt's). Held in primitive tables, about 30 bytes per distinct
 * response plus 20 per distinct prompt.
 */
public final class PooledPreferences implements PromptNormalisers {

    private final int[] outcomeColumns;
    private final int objectives;
    private final LongIntHashMap responseSlots = new LongIntHashMap();
    private final IntArrayList responsePrompt = new IntArrayList();
    private final IntArrayList responseCount = new IntArrayList();
    private final DoubleArrayList resultSums = new DoubleArrayList();
    private final LongIntHashMap promptSlots = new LongIntHashMap();
    private final IntArrayList promptCount = new IntArrayList();
    private double[] cachedLambda;
    private double cachedTau;
    private double[] logNormalisers;

    /** An empty pool for the run objectives at {@code outcomeColumns} of the pairs' outcomes. */
    PooledPreferences(int[] outcomeColumns) {
        this.outcomeColumns = outcomeColumns.clone();
        this.objectives = outcomeColumns.length;
    }

    /** Adds both responses' results in {@code pair}. */
    void add(TokenizedPair pair) {
        add(pair.promptKey(), pair.responseKeyA(), pair.responseKeyB(), pair.outcomes());
    }

    /**
     * Adds the results of a pair of prompt {@code promptKey}: responses {@code responseKeyA} and
     * {@code responseKeyB}, outcomes in {+1, −1, 0} per corpus objective.
     */
    void add(long promptKey, long responseKeyA, long responseKeyB, int[] outcomes) {
        int prompt = promptSlots.getOrDefault(promptKey, -1);
        if (prompt < 0) {
            prompt = promptCount.size();
            promptSlots.put(promptKey, prompt);
            promptCount.add(0);
        }
        promptCount.set(prompt, promptCount.get(prompt) + 2);
        int a = slot(responseKeyA, prompt);
        int b = slot(responseKeyB, prompt);
        for (int k = 0; k < objectives; k++) {
            double indicator = (1 + outcomes[outcomeColumns[k]]) / 2.0;
            resultSums.set(a * objectives + k, resultSums.get(a * objectives + k) + indicator);
            resultSums.set(b * objectives + k, resultSums.get(b * objectives + k) + 1 - indicator);
        }
        logNormalisers = null;
    }

    private int slot(long responseKey, int prompt) {
        int slot = responseSlots.getOrDefault(responseKey, -1);
        if (slot < 0) {
            slot = responseCount.size();
            responseSlots.put(responseKey, slot);
            responsePrompt.add(prompt);
            responseCount.add(0);
            for (int k = 0; k < objectives; k++) {
                resultSums.add(0);
            }
        }
        responseCount.set(slot, responseCount.get(slot) + 1);
        return slot;
    }

    /**
     * The pooled {@code p̄_k} of the response with key {@code responseKey}, one per run objective.
     *
     * @throws IllegalArgumentException when the split holds no such response
     */
    public float[] values(long responseKey) {
        int slot = responseSlots.getOrDefault(responseKey, -1);
        if (slot < 0) {
            throw new IllegalArgumentException("response " + responseKey + " is not in the split's pool");
        }
        float[] values = new float[objectives];
        for (int k = 0; k < objectives; k++) {
            values[k] = (float) value(slot, k);
        }
        return values;
    }

    private double value(int slot, int k) {
        return resultSums.get(slot * objectives + k) / responseCount.get(slot);
    }

    /**
     * {@code log Z(x)} over the prompt's responses in the split, for the score of the pooled values
     * (as the batch receives them, in single precision); NaN for a prompt the split does not hold.
     * Every prompt's normaliser is computed in one pass when {@code λ} or {@code τ} change.
     */
    @Override
    public double logNormaliser(long prompt, double[] lambda, double tau) {
        int slot = promptSlots.getOrDefault(prompt, -1);
        if (slot < 0) {
            return Double.NaN;
        }
        if (logNormalisers == null || tau != cachedTau || !Arrays.equals(lambda, cachedLambda)) {
            logNormalisers = computeLogNormalisers(lambda, tau);
            cachedLambda = lambda.clone();
            cachedTau = tau;
        }
        return logNormalisers[slot];
    }

    private double[] computeLogNormalisers(double[] lambda, double tau) {
        int prompts = promptCount.size();
        int responses = responseCount.size();
        double[] exponent = new double[responses];
        double[] max = new double[prompts];
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int r = 0; r < responses; r++) {
            double score = (float) value(r, 0);
            for (int k = 1; k < objectives; k++) {
                score += lambda[k - 1] * (float) value(r, k);
            }
            exponent[r] = Math.log(responseCount.get(r)) + score / tau;
            int p = responsePrompt.get(r);
            max[p] = Math.max(max[p], exponent[r]);
        }
        double[] sums = new double[prompts];
        for (int r = 0; r < responses; r++) {
            int p = responsePrompt.get(r);
            sums[p] += Math.exp(exponent[r] - max[p]);
        }
        double[] log = new double[prompts];
        for (int p = 0; p < prompts; p++) {
            log[p] = max[p] + Math.log(sums[p]) - Math.log(promptCount.get(p));
        }
        return log;
    }

    /** Distinct responses pooled. */
    public int size() {
        return responseCount.size();
    }
}
