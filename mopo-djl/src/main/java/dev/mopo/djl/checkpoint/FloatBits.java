package dev.mopo.djl.checkpoint;

/**
 * Conversions between IEEE single and the 16-bit float formats, done in Java because DJL cannot
 * hold a bfloat16 array (creating one aborts the JVM) and Java 17 has no half-float support.
 */
public final class FloatBits {

    private FloatBits() {}

    /** A bfloat16 is the top half of a single: shifting it back is exact. */
    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Rounds a single to bfloat16, to nearest with ties to even, as torch does; NaN becomes 0x7FC0. */
    public static short floatToBf16(float value) {
        if (Float.isNaN(value)) {
            return (short) 0x7FC0;
        }
        int bits = Float.floatToRawIntBits(value);
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }

    /** An IEEE half as a single (exact: every half is a single). */
    public static float halfToFloat(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
