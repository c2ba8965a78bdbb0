package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;

/**
 * Where one tensor lives: its file, dtype, shape and absolute byte range in the file.
 *
 * @param name the tensor name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param file the safetensors file holding it
 * @param dtype the element type on disk
 * @param shape the shape on disk
 * @param begin the absolute file offset of the first byte
 * @param end the absolute file offset one past the last byte
 */
public record TensorInfo(String name, Path file, SafetensorsDtype dtype, Shape shape, long begin, long end) {

    /** The number of bytes on disk. */
    public long byteSize() {
        return end - begin;
    }

    /** The number of elements. */
    public long elements() {
        return shape.size();
    }
}
