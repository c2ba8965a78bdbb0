package dev.mopo.bench.synthetic;

/**
 * One method's figures on one structure.
 *
 * @param method the method's name
 * @param hypervolumeRatio {@code HV(method's points) / HV(exact front)} in the regularised space
 *     {@code (P_1 − τ·KL, P_2, …)} where the exact front is optimal; reference point the
 *     component-wise minimum of the exact front
 * @param rawHypervolumeRatio the same ratio in the raw win-rate space {@code (P_1, P_2, …)}
 * @param meanViolation mean constraint violation over feasible thresholds (MOPO variants), or NaN
 * @param maxViolation largest violation (MOPO variants), or NaN
 * @param meanAbsoluteGap mean {@code |P_1(exact) − P_1(learned)|} (MOPO variants), or NaN
 * @param maxLambdaSpread the largest {@link PolicyPoint#lambdaSpread()} of its runs (MOPO
 *     variants): whether any multiplier was still moving at the end, or NaN
 */
public record MethodSummary(String method, double hypervolumeRatio, double rawHypervolumeRatio, double meanViolation,
        double maxViolation, double meanAbsoluteGap, double maxLambdaSpread) {}
