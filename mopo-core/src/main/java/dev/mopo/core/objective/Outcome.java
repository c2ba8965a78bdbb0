package dev.mopo.core.objective;

/**
 * The label one objective gives one pair {@code (y_a, y_b)}: {@code o = +1} when {@code y_a} is
 * preferred, {@code -1} when {@code y_b} is, {@code 0} for a tie or no label (spec §1).
 */
public enum Outcome {
    A_PREFERRED(1),
    B_PREFERRED(-1),
    TIE(0);

    private final int sign;

    Outcome(int sign) {
        this.sign = sign;
    }

    /** The outcome as {@code +1, -1, 0}. */
    public int sign() {
        return sign;
    }

    /** {@code I = (1 + o) / 2}: 1 when a wins, 0 when b wins, ½ for a tie. */
    public double indicator() {
        return (1 + sign) / 2.0;
    }

    /** The outcome with {@code a} and {@code b} swapped. */
    public Outcome flipped() {
        return ofSign(-sign);
    }

    /** The outcome for a sign; anything but {@code -1, 0, 1} is rejected. */
    public static Outcome ofSign(int sign) {
        switch (sign) {
            case 1:
                return A_PREFERRED;
            case -1:
                return B_PREFERRED;
            case 0:
                return TIE;
            default:
                throw new IllegalArgumentException("outcome must be +1, -1 or 0, got " + sign);
        }
    }

    /** The outcome of comparing two scores where higher is better; equal scores tie. */
    public static Outcome ofScores(double scoreA, double scoreB) {
        if (Double.isNaN(scoreA) || Double.isNaN(scoreB)) {
            return TIE;
        }
        return ofSign(Double.compare(scoreA, scoreB));
    }
}
