package dev.mopo.djl.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * An NDArray's values as a {@link TensorSource}, copied to the host a block of rows at a time,
 * so peak extra memory is one block; fp32 → bf16 rounds to nearest even, in Java.
 */
final class ArrayTensorSource implements TensorSource {

    private static final long BLOCK_BYTES = 64L << 20;

    private final String name;
    private final NDArray array;
    private final SafetensorsDtype dtype;

    ArrayTensorSource(String name, NDArray array, SafetensorsDtype dtype) {
        this.name = name;
        this.array = array;
        this.dtype = dtype;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SafetensorsDtype dtype() {
        return dtype;
    }

    @Override
    public Shape shape() {
        return array.getShape();
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        Shape shape = array.getShape();
        long rows = shape.dimension() == 0 ? 1 : shape.get(0);
        if (array.size() == 0) {
            return;
        }
        long rowElements = array.size() / rows;
        long rowsPerBlock = Math.max(1, BLOCK_BYTES / (rowElements * 4));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray matrix = array.reshape(rows, rowElements);
            for (long first = 0; first < rows; first += rowsPerBlock) {
                long last = Math.min(rows, first + rowsPerBlock);
                NDArray block = matrix.get(new NDIndex("{}:{}", first, last)).toDevice(Device.cpu(), false);
                if (dtype == SafetensorsDtype.BF16) {
                    writeBf16(out, block.toType(DataType.FLOAT32, false));
                } else {
                    writeFully(out, block.toType(dtype.djlType().orElseThrow(), false).toByteBuffer(true));
                }
            }
        }
    }

    private static void writeBf16(WritableByteChannel out, NDArray floats) throws IOException {
        FloatBuffer values = floats.toByteBuffer(true).asFloatBuffer();
        ByteBuffer target = ByteBuffer.allocate(values.remaining() * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (values.hasRemaining()) {
            target.putShort(FloatBits.floatToBf16(values.get()));
        }
        writeFully(out, target.flip());
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
