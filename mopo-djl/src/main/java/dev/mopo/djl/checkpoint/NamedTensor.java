package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.NDArray;

/**
 * A tensor to write under its checkpoint name.
 *
 * @param name the Hugging Face tensor name
 * @param array the values, on any device and of any float or integer type
 */
public record NamedTensor(String name, NDArray array) {

    /** This tensor as a source for the writer, float arrays stored as {@code floatStorage} (F32, F16 or BF16). */
    public TensorSource as(SafetensorsDtype floatStorage) {
        return new ArrayTensorSource(name, array, SafetensorsDtype.forArray(array.getDataType(), floatStorage));
    }
}
