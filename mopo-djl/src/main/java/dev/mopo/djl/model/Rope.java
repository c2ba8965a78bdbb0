package dev.mopo.djl.model;

/**
 * Rotary position embedding settings, rotate-half convention.
 *
 * @param theta the base ({@code rope_theta})
 * @param rotaryDim how many leading dims of each head are rotated: {@code int(D · partial_rotary_factor)}
 * @param llama3 the llama3 frequency scaling, or null for the default rope type
 */
public record Rope(double theta, int rotaryDim, Llama3Scaling llama3) {

    /** Validates the fields. */
    public Rope {
        if (!(theta > 0)) {
            throw new IllegalArgumentException("rope_theta must be > 0, got " + theta);
        }
        if (rotaryDim < 2 || rotaryDim % 2 != 0) {
            throw new IllegalArgumentException("rotary dims must be even and >= 2, got " + rotaryDim);
        }
    }

    /**
     * The inverse frequencies {@code 1 / theta^(2i/rot)}, {@code i < rot/2}, rescaled by llama3
     * when set; computed in double and rounded to float.
     */
    public float[] inverseFrequencies() {
        float[] inv = new float[rotaryDim / 2];
        for (int i = 0; i < inv.length; i++) {
            double base = 1.0 / Math.pow(theta, (2.0 * i) / rotaryDim);
            inv[i] = (float) (llama3 == null ? base : llama3.rescale(base));
        }
        return inv;
    }

    /**
     * The {@code rope_type: llama3} rescaling (Llama 3.1+): long wavelengths are divided by
     * {@code factor}, short ones kept, and the band between interpolated.
     *
     * @param factor the divisor of low frequencies
     * @param lowFreqFactor {@code low_freq_factor}
     * @param highFreqFactor {@code high_freq_factor}
     * @param originalMaxPositions {@code original_max_position_embeddings}
     */
    public record Llama3Scaling(double factor, double lowFreqFactor, double highFreqFactor, double originalMaxPositions) {

        /** Validates the fields. */
        public Llama3Scaling {
            if (!(factor > 0) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor) || !(originalMaxPositions > 0)) {
                throw new IllegalArgumentException("llama3 rope scaling needs factor > 0, 0 < low_freq_factor < "
                        + "high_freq_factor and original_max_position_embeddings > 0, got factor " + factor
                        + ", low_freq_factor " + lowFreqFactor + ", high_freq_factor " + highFreqFactor
                        + ", original_max_position_embeddings " + originalMaxPositions);
            }
        }

        /** Rescales one inverse frequency (boundaries inclusive, as transformers). */
        public double rescale(double inv) {
            double lowWavelength = originalMaxPositions / lowFreqFactor;
            double highWavelength = originalMaxPositions / highFreqFactor;
            double wavelength = 2 * Math.PI / inv;
            if (wavelength < highWavelength) {
                return inv;
            }
            if (wavelength > lowWavelength) {
                return inv / factor;
            }
            double smooth = (originalMaxPositions / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
            return (1 - smooth) * inv / factor + smooth * inv;
        }
    }
}
