package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.NDArray;

/**
 * A tensor to write under its checkpoint name.
 *
 * @param name the Hugging Face tensor name
 * @param array the values, on any device and of any float or integer type
 */
public record NamedTensor(String name, NDArray array) {}
