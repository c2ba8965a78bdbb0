package dev.mopo.core.dual;

import dev.mopo.core.batch.PreferenceBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * The multiplier step of spec §5 as a {@link MultiplierStep}: each observed micro-batch gives a
 * {@link WinRateEstimator}'s estimate of the policy's win rates (snis, pairwise or oracle); an
 * update feeds their mean, the summed effective sample size and the summed response count to
 * {@link DualAscent}. With one micro-batch per update that is exactly the ascent on that batch's
 * estimate.
 */
public final class EstimatorAscent implements MultiplierStep {

    private final DualAscent ascent;
    private final WinRateEstimator estimator;
    private final int run;
    private final List<double[]> observed = new ArrayList<>();

    /**
     * Feeds {@code ascent} from {@code estimator}, reading row {@code run} of estimates made on
     * batches with a leading run axis (0 without one).
     */
    public EstimatorAscent(DualAscent ascent, WinRateEstimator estimator, int run) {
        if (run < 0) {
            throw new IllegalArgumentException("run must be >= 0, got " + run);
        }
        this.ascent = ascent;
        this.estimator = estimator;
        this.run = run;
    }

    @Override
    public double[] lambda() {
        return ascent.lambda();
    }

    @Override
    public void observe(PreferenceBatch batch) {
        WinRateEstimate estimate = estimator.estimate(batch);
        double[][] rates = estimate.winRatesPerRun();
        double[] ess = estimate.effectiveSampleSizePerRun();
        if (rates.length > 1 && run >= rates.length) {
            throw new IllegalArgumentException("run " + run + " is outside the estimate's " + rates.length + " runs");
        }
        int row = rates.length == 1 ? 0 : run;
        double[] evidence = new double[rates[row].length + 2];
        System.arraycopy(rates[row], 0, evidence, 0, rates[row].length);
        evidence[evidence.length - 2] = ess[row];
        evidence[evidence.length - 1] = estimate.samples();
        observed.add(evidence);
    }

    @Override
    public boolean isDue(long step) {
        return ascent.isDue(step);
    }

    @Override
    public DualUpdate update(long step) {
        if (observed.isEmpty()) {
            throw new IllegalStateException("step " + step + ": no micro-batch was observed since the last dual update");
        }
        int objectives = observed.get(0).length - 2;
        double[] mean = new double[objectives];
        double ess = 0;
        int samples = 0;
        for (double[] row : observed) {
            for (int k = 0; k < objectives; k++) {
                mean[k] += row[k] / observed.size();
            }
            ess += row[objectives];
            samples += (int) row[objectives + 1];
        }
        observed.clear();
        return ascent.update(step, mean, ess, samples);
    }

    @Override
    public DualState state() {
        DualState rule = ascent.state();
        return new DualState(rule.rule(), rule.updates(), rule.lambda(), rule.thresholds(), rule.smoothedWinRates(),
                null, null, observed.isEmpty() ? null : observed.stream().map(double[]::clone).toArray(double[][]::new),
                0);
    }

    @Override
    public void restore(DualState state) {
        ascent.restore(state);
        observed.clear();
        if (state.evidence() != null) {
            for (double[] row : state.evidence()) {
                observed.add(row.clone());
            }
        }
    }
}
