package dev.mopo.core.dual;

import dev.mopo.core.Checks;
import dev.mopo.core.batch.PreferenceBatch;
import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.tilt.ResponseSample;
import dev.mopo.core.tilt.RobustBound;
import dev.mopo.core.tilt.TiltedWeights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The published algorithm's multiplier step (spec §10 and §5's "data (closed form)"): the
 * constraint values come from the data's outcomes and {@code λ} alone, never from the network.
 *
 * <p>On the evidence ({@link DataDualConfig#windowPairs() the pairs since the last update, or a
 * window of recent pairs}) it computes {@code ρ_λ} by Eq. 3 ({@link TiltedWeights}),
 * {@code G_k(ρ_λ)}, and the robust lower bound {@code Ĝ_k} of Eq. 8 ({@link RobustBound}; with
 * {@code ε = 0}, {@code Ĝ = G}). Then {@link MultiplierRule.Lagrangian MOPO-Lag} takes Eq. 9's
 * step {@code λ_k ← clip(λ_k − η (Ĝ_k − b_k), 0, λ_max)} and {@link MultiplierRule.LogBarrier MOPO-LB}
 * a Newton step toward {@code λ_k = σ / max(Ĝ_k − b_k, δ)}; with {@link DataDualConfig#solve()}
 * both iterate {@code λ} and {@code χ} to convergence instead (projected Newton on the data's dual,
 * {@code D(λ) − λ·b}, plus {@code −σ Σ log λ_k} for the barrier). Every
 * {@link RatchetSchedule#period() t0} steps the thresholds ratchet ({@code b_k ← β Ĝ_k(ρ^(t−t0))})
 * and the update says that the reference moves; the trainer moves it and from then on gives the
 * data's behaviour log-probs in every batch, so that expectations over the new {@code π_ref} carry
 * the importance weights {@code π_ref/μ}. The evidence window is emptied then: its importance
 * ratios were relative to the old reference.
 *
 * <p>An update reports {@code G_k}, {@code Ĝ_k} and the sample sizes at the multipliers it started
 * from (the ones the policy step was following), or, when solving, at the solution.
 *
 * <p>Because it needs no network, the same dual serves the behaviour-cloning policy step
 * ({@link dev.mopo.core.loss.BehaviourCloningLoss}) and the regression of §4
 * ({@link dev.mopo.core.loss.MopoLoss}).
 */
public final class DataDual implements MultiplierStep {

    private static final int SOLVE_ITERATIONS = 30;
    private static final double SOLVE_TOLERANCE = 1e-10;

    private final ObjectiveSet objectives;
    private final double tau;
    private final MultiplierRule rule;
    private final DataDualConfig config;
    private final int run;
    private final ThresholdRatchet ratchet;
    private final EvidenceWindow evidence;
    private double[] lambda;
    private double[] chi;
    private long updates;

    /** The dual of a single run; see {@link #DataDual(ObjectiveSet, double[], double, MultiplierRule, DataDualConfig, double[], int)}. */
    public DataDual(ObjectiveSet objectives, double[] thresholds, double tau, MultiplierRule rule, DataDualConfig config,
            double[] initialLambda) {
        this(objectives, thresholds, tau, rule, config, initialLambda, 0);
    }

    /**
     * The dual for {@code objectives} with thresholds {@code b_2 … b_K} in (0, 1) on the win-rate
     * scale, KL strength {@code tau} (the loss's), starting from {@code initialLambda} in
     * {@code [0, λ_max]} (zeros when null); {@code run} is the row of the batch's leading run axis
     * whose reference log-probs it reads (0 without one).
     */
    public DataDual(ObjectiveSet objectives, double[] thresholds, double tau, MultiplierRule rule, DataDualConfig config,
            double[] initialLambda, int run) {
        int constrained = objectives.constrainedCount();
        if (constrained < 1) {
            throw new IllegalArgumentException("the data dual needs at least one constrained objective, got " + objectives);
        }
        if (thresholds.length != constrained) {
            throw new IllegalArgumentException("thresholds must give one value per constrained objective "
                    + objectives.constrained() + ", got " + Arrays.toString(thresholds));
        }
        for (int k = 0; k < constrained; k++) {
            Checks.openUnit("thresholds." + objectives.name(k + 1), thresholds[k]);
        }
        if (run < 0) {
            throw new IllegalArgumentException("run must be >= 0, got " + run);
        }
        this.objectives = objectives;
        this.tau = Checks.positive("tau", tau);
        this.rule = rule;
        this.config = config;
        this.run = run;
        this.ratchet = new ThresholdRatchet(config.ratchet(), thresholds);
        this.evidence = new EvidenceWindow(config.windowPairs(), objectives.size());
        this.lambda = initialLambda == null ? new double[constrained] : initialLambda.clone();
        if (lambda.length != constrained) {
            throw new IllegalArgumentException("initial lambda must give one value per constrained objective "
                    + objectives.constrained() + ", got " + Arrays.toString(initialLambda));
        }
        for (int k = 0; k < constrained; k++) {
            if (!(lambda[k] >= 0 && lambda[k] <= config.maxMultiplier())) {
                throw new IllegalArgumentException("lambda[" + objectives.name(k + 1) + "] must be in [0, "
                        + config.maxMultiplier() + "], got " + lambda[k]);
            }
        }
        this.chi = new double[constrained];
        Arrays.fill(chi, 1.0);
    }

    @Override
    public double[] lambda() {
        return lambda.clone();
    }

    @Override
    public void observe(PreferenceBatch batch) {
        batch.requireObjectives(objectives);
        evidence.add(ResponseSample.rows(batch, run));
    }

    @Override
    public boolean isDue(long step) {
        return step % config.interval() == 0 || ratchet.isDue(step);
    }

    @Override
    public DualUpdate update(long step) {
        ResponseSample sample = evidence.sample(step);
        boolean stepChi = !config.solve();
        Values current = evaluate(sample, lambda, stepChi);
        boolean moves = ratchet.isDue(step);
        if (moves) {
            ratchet.ratchet(current.robust);
        }
        Values result = current;
        if (step % config.interval() == 0) {
            lambda = nextLambda(sample, current);
            if (config.solve()) {
                result = evaluate(sample, lambda, false);
            }
        }
        if (moves) {
            evidence.clear(); // its importance ratios are relative to the reference that now moves
        } else {
            evidence.consumed();
        }
        updates++;
        return report(step, sample, result, moves);
    }

    private double[] nextLambda(ResponseSample sample, Values current) {
        double[] b = ratchet.thresholds();
        BoxNewton.Box box = box(b);
        if (rule instanceof MultiplierRule.Lagrangian lagrangian && !config.solve()) {
            double[] next = new double[lambda.length];
            for (int k = 0; k < next.length; k++) {
                next[k] = box.clip(k, lambda[k] - lagrangian.stepSize() * (current.robust[k] - b[k]));
            }
            return next;
        }
        double[] start = lambda.clone();
        for (int k = 0; k < start.length; k++) {
            start[k] = box.clip(k, start[k]);
        }
        Values atStart = Arrays.equals(start, lambda) ? current : evaluate(sample, start, false);
        return BoxNewton.solve(point -> residual(evaluate(sample, point, false), point, b), start,
                residual(atStart, start, b), box, config.solve() ? SOLVE_ITERATIONS : 1, SOLVE_TOLERANCE);
    }

    /**
     * Where {@code λ} may go: {@code [0, λ_max]} for MOPO-Lag. For MOPO-LB
     * {@code λ_k = σ/max(Ĝ_k − b_k, δ)} with {@code Ĝ_k ≤ 1}, so {@code λ_k} lies in
     * {@code [σ/max(1 − b_k, δ), σ/δ]} (capped at {@code λ_max}): the cap is the barrier's linear
     * extension, and the floor keeps Newton away from the barrier's pole at 0.
     */
    private BoxNewton.Box box(double[] b) {
        int m = b.length;
        double[] low = new double[m];
        double[] high = new double[m];
        for (int k = 0; k < m; k++) {
            high[k] = config.maxMultiplier();
            if (rule instanceof MultiplierRule.LogBarrier barrier) {
                high[k] = Math.min(high[k], barrier.strength() / barrier.knee());
                low[k] = Math.min(high[k], barrier.strength() / Math.max(1 - b[k], barrier.knee()));
            }
        }
        return new BoxNewton.Box(low, high);
    }

    /**
     * The gradient of the convex function whose minimiser over the box is the new {@code λ}, and
     * its Jacobian. MOPO-Lag: {@code F = Ĝ − b}, the gradient of the data's dual
     * {@code D(λ) = τ E_x log E_{π_ref} exp(s/τ) − λ·b} (exactly, for {@code ε = 0}). MOPO-LB:
     * {@code F_k = Ĝ_k − b_k − σ/λ_k}, the gradient of {@code D(λ) − σ Σ_k log λ_k}, whose
     * stationarity {@code λ_k = σ/(Ĝ_k − b_k)} is the barrier's, and whose cap {@code λ_k ≤ σ/δ}
     * is the barrier's linear extension ({@code λ_k = σ/max(Ĝ_k − b_k, δ)}).
     */
    private BoxNewton.Point residual(Values values, double[] point, double[] b) {
        int m = point.length;
        double[] f = new double[m];
        double strength = rule instanceof MultiplierRule.LogBarrier barrier ? barrier.strength() : 0;
        for (int k = 0; k < m; k++) {
            f[k] = values.robust[k] - b[k] - (strength > 0 ? strength / point[k] : 0);
        }
        return new BoxNewton.Point(f, () -> {
            double[][] jacobian = values.jacobian();
            for (int k = 0; k < m; k++) {
                jacobian[k][k] += strength > 0 ? strength / (point[k] * point[k]) : 0;
            }
            return jacobian;
        });
    }

    /**
     * {@code G_k} for every objective and {@code Ĝ_k}, {@code ∂G/∂λ} for the constrained ones at
     * {@code point}. {@code χ} takes one projected gradient step ({@code stepChi}) or, when solving,
     * is maximised; otherwise it stays.
     */
    private Values evaluate(ResponseSample sample, double[] point, boolean stepChi) {
        TiltedWeights weights = TiltedWeights.of(sample, point, tau);
        int k = objectives.size();
        double[] constraint = new double[k];
        for (int j = 0; j < k; j++) {
            constraint[j] = weights.constraint(j);
        }
        double[] robust = Arrays.copyOfRange(constraint, 1, k);
        if (config.epsilon() > 0) {
            double[] q = sample.referenceWeights();
            for (int j = 0; j < robust.length; j++) {
                double[] f = weights.ratioTimesValue(j + 1);
                if (config.solve()) {
                    chi[j] = RobustBound.maximise(q, f, chi[j], config.epsilon());
                } else if (stepChi) {
                    chi[j] = RobustBound.step(q, f, chi[j], config.epsilon(), config.chiStepSize());
                }
                robust[j] = RobustBound.value(q, f, chi[j], config.epsilon());
            }
        }
        return new Values(weights, constraint, robust, config.epsilon() > 0 ? chi.clone() : null, sample);
    }

    private DualUpdate report(long step, ResponseSample sample, Values values, boolean moves) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        int k = objectives.size();
        for (int j = 1; j < k; j++) {
            metrics.put("lambda/" + objectives.name(j), lambda[j - 1]);
        }
        for (int j = 0; j < k; j++) {
            metrics.put("constraint/" + objectives.name(j), values.constraint[j]);
        }
        for (int j = 1; j < k; j++) {
            metrics.put("robust_constraint/" + objectives.name(j), values.robust[j - 1]);
        }
        if (config.epsilon() > 0) {
            for (int j = 1; j < k; j++) {
                metrics.put("chi/" + objectives.name(j), chi[j - 1]);
            }
        }
        for (int j = 1; j < k; j++) {
            metrics.put("threshold/" + objectives.name(j), ratchet.thresholds()[j - 1]);
        }
        int samples = sample.size();
        double ess = sample.importanceEffectiveSampleSize();
        metrics.put("ess", ess);
        metrics.put("ess_fraction", ess / samples);
        metrics.put("tilt_ess", values.weights.effectiveSampleSize());
        metrics.put("samples", (double) samples);
        boolean reliable = ess >= config.minEssFraction() * samples;
        return new DualUpdate(step, lambda, metrics, reliable, moves);
    }

    private String ruleName() {
        return rule instanceof MultiplierRule.Lagrangian ? "data-lagrangian" : "data-log-barrier";
    }

    @Override
    public DualState state() {
        return new DualState(ruleName(), updates, lambda.clone(), ratchet.thresholds().clone(), null, chi.clone(),
                ratchet.pending(), evidence.state(), evidence.fresh());
    }

    @Override
    public void restore(DualState state) {
        if (!ruleName().equals(state.rule())) {
            throw new IllegalArgumentException("saved dual state is of rule '" + state.rule() + "', not '" + ruleName()
                    + "'");
        }
        int constrained = lambda.length;
        if (state.lambda() == null || state.lambda().length != constrained || state.chi() == null
                || state.chi().length != constrained) {
            throw new IllegalArgumentException("saved dual state must hold " + constrained
                    + " multipliers and chi values (one per constrained objective " + objectives.constrained() + ")");
        }
        ratchet.restore(state.thresholds(), state.ratchetPending());
        evidence.restore(state.evidence(), state.freshPairs());
        lambda = state.lambda().clone();
        chi = state.chi().clone();
        updates = state.updates();
    }

    /**
     * What one evaluation at a {@code λ} gives: the weights, {@code G_1 … G_K}, {@code Ĝ_2 … Ĝ_K}
     * and, for {@code ε > 0}, the {@code χ} they were computed at.
     */
    private record Values(TiltedWeights weights, double[] constraint, double[] robust, double[] chi,
            ResponseSample sample) {

        /**
         * {@code ∂Ĝ_k/∂λ_j}: with {@code ε = 0} that of {@code G}; otherwise the derivative of
         * {@code E_{Q*}[ρ p̄_k]} with Eq. 8's worst case {@code Q*} held (exact where {@code χ} is
         * maximised, by the envelope theorem).
         */
        double[][] jacobian() {
            if (chi == null) {
                return weights.jacobian();
            }
            double[] q = sample.referenceWeights();
            double[][] jacobian = new double[robust.length][];
            for (int k = 0; k < robust.length; k++) {
                double[] worst = RobustBound.worstCase(q, weights.ratioTimesValue(k + 1), chi[k]);
                for (int i = 0; i < worst.length; i++) {
                    worst[i] *= weights.ratio(i);
                }
                jacobian[k] = weights.gradient(k + 1, worst);
            }
            return jacobian;
        }
    }
}
