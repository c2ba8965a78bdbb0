package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A tensor for {@link SafetensorsWriter} whose bytes are produced while the file is written: an
 * array's values ({@link NamedTensor#as(SafetensorsDtype)}) or data generated on the fly, so a
 * checkpoint can be written without ever holding the whole model in memory.
 */
public interface TensorSource {

    /** The Hugging Face tensor name. */
    String name();

    /** The element type on disk. */
    SafetensorsDtype dtype();

    /** The shape. */
    Shape shape();

    /** Writes the values, row-major and little-endian: exactly {@link #byteSize()} bytes. */
    void writeTo(WritableByteChannel out) throws IOException;

    /** Bytes the values take on disk. */
    default long byteSize() {
        return shape().size() * dtype().bytes();
    }
}
