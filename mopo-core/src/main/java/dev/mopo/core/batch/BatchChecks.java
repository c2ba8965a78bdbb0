package dev.mopo.core.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The checks {@link PreferenceBatch.Builder#build()} makes of its arrays: shapes, finite log-probs,
 * outcomes in {+1, −1, 0}, token counts, ids and values in range. Each failure names the field and
 * the first entry at fault; the common case costs one scalar read where it can.
 */
final class BatchChecks {

    private BatchChecks() {}

    static void checkIds(String field, long[] ids, long pairs) {
        if (ids == null) {
            return;
        }
        if (ids.length != pairs) {
            throw new IllegalArgumentException(field + " must hold " + pairs + " ids (one per pair), got " + ids.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException(field + "[" + i + "] must be >= 0, got " + ids[i]);
            }
        }
    }

    static NDArray checkValues(String field, NDArray values, Shape outcomeShape) {
        if (!values.getShape().equals(outcomeShape)) {
            throw new IllegalArgumentException(field + " must have the outcomes' shape " + outcomeShape + ", got "
                    + values.getShape());
        }
        double[] data = values.toType(DataType.FLOAT64, false).toDoubleArray();
        int k = (int) outcomeShape.get(1);
        for (int i = 0; i < data.length; i++) {
            if (!(data[i] >= 0 && data[i] <= 1)) {
                throw new IllegalArgumentException(field + "[" + i / k + ", " + i % k + "] must be in [0, 1], got "
                        + data[i]);
            }
        }
        return values;
    }

    static void checkLogProbs(String field, NDArray logProbs, long pairs) {
        Shape shape = logProbs.getShape();
        if (shape.dimension() < 1 || shape.tail() != pairs) {
            throw new IllegalArgumentException(field + " must have shape [..., " + pairs
                    + "] to match batch.outcomes, got " + shape);
        }
        checkFinite(field, logProbs);
    }

    /**
     * Fails on a NaN or infinite entry, naming the first one. A sum propagates non-finite
     * values, so the common case costs one scalar read; only a failure scans the array.
     */
    static void checkFinite(String field, NDArray values) {
        if (Double.isFinite(values.sum().toType(DataType.FLOAT64, false).getDouble())) {
            return;
        }
        float[] data = values.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new NonFiniteLogProbException(field + "[" + i + "] must be finite, got " + data[i]);
            }
        }
        throw new NonFiniteLogProbException(field + " sums to a non-finite value: its entries are too large");
    }

    /**
     * Fails unless every outcome is +1, −1 or 0, naming the first that is not. {@code o² = |o|}
     * holds exactly for those three values, so the common case costs one scalar read.
     */
    static void checkOutcomes(NDArray outcomes) {
        NDArray misfit = outcomes.square().sub(outcomes.abs()).abs().sum();
        if (misfit.toType(DataType.FLOAT64, false).getDouble() == 0) {
            return;
        }
        float[] data = outcomes.toType(DataType.FLOAT32, false).toFloatArray();
        int k = (int) outcomes.getShape().get(1);
        for (int i = 0; i < data.length; i++) {
            float o = data[i];
            if (o != 1f && o != -1f && o != 0f) {
                throw new IllegalArgumentException("batch.outcomes[" + i / k + ", " + i % k
                        + "] must be +1, -1 or 0, got " + o);
            }
        }
    }

    static NDArray checkTokens(String field, NDArray tokens, long pairs) {
        if (tokens == null) {
            throw new IllegalArgumentException(field + " is missing: give token counts for both responses or neither");
        }
        if (!tokens.getShape().equals(new Shape(pairs))) {
            throw new IllegalArgumentException(field + " must have shape [" + pairs + "], got " + tokens.getShape());
        }
        float[] data = tokens.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < data.length; i++) {
            if (!(data[i] >= 1)) {
                throw new IllegalArgumentException(field + "[" + i + "] must be >= 1 token, got " + data[i]);
            }
        }
        return tokens;
    }
}
