package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Copies one tensor from a safetensors file into an NDArray, a block of whole rows at a time:
 * each block is memory-mapped (so files and tensors beyond 2 GiB work), converted in Java into a
 * reused direct staging buffer, and copied into the destination array on its device. Peak memory
 * is the destination plus one staging block; nothing is read into the Java heap.
 *
 * <p>Float data is converted to FLOAT32 in Java (bf16 is a 16-bit shift, f16 is widened exactly)
 * and, for a FLOAT16 compute type, narrowed by the engine; no bfloat16 NDArray is ever created.
 * Data already in the compute type, and integer data, is copied as it is. Assumes a
 * little-endian host, as safetensors and every platform of DJL's PyTorch engine are.
 */
final class TensorReader {

    /** Bytes converted per block; a single row larger than this gets a block of its own. */
    static final int BLOCK_BYTES = 64 << 20;

    /** The first staging buffer; it grows to the largest block needed, at most {@link #BLOCK_BYTES} per row block. */
    private static final int MIN_STAGING_BYTES = 1 << 20;

    private final int blockBytes;
    private ByteBuffer staging;

    /** A reader converting {@link #BLOCK_BYTES} per block. */
    TensorReader() {
        this(BLOCK_BYTES);
    }

    /** A reader converting {@code blockBytes} per block (small values exercise the block loop in tests). */
    TensorReader(int blockBytes) {
        this.blockBytes = blockBytes;
    }

    NDArray read(FileChannel channel, TensorInfo tensor, NDManager manager, DataType computeType) throws IOException {
        DataType target = targetType(tensor, computeType);
        DataType stageType = tensor.dtype().djlType().filter(target::equals).orElse(DataType.FLOAT32);
        Shape shape = tensor.shape();
        long rows = shape.dimension() == 0 ? 1 : shape.get(0);
        long rowElements = rows == 0 ? 0 : tensor.elements() / rows;
        NDArray matrix = manager.create(new Shape(rows, rowElements), target);
        if (tensor.elements() == 0) {
            return reshaped(matrix, shape);
        }
        int sourceBytes = tensor.dtype().bytes();
        long rowBytes = rowElements * Math.max(sourceBytes, stageType.getNumOfBytes());
        long rowsPerBlock = Math.max(1, blockBytes / rowBytes);
        for (long first = 0; first < rows; first += rowsPerBlock) {
            long count = Math.min(rowsPerBlock, rows - first);
            int elements = blockElements(tensor, count * rowElements, rowBytes / rowElements);
            MappedByteBuffer source = channel.map(FileChannel.MapMode.READ_ONLY,
                    tensor.begin() + first * rowElements * sourceBytes, (long) elements * sourceBytes);
            source.order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer stage = stage(elements * stageType.getNumOfBytes());
            convert(tensor.dtype(), stageType, source, stage, elements);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray block = scratch.create(stage, new Shape(count, rowElements), stageType);
                if (stageType != target) {
                    block = block.toType(target, false);
                }
                matrix.set(new NDIndex("{}:{}", first, first + count), block);
            }
        }
        return reshaped(matrix, shape);
    }

    private static DataType targetType(TensorInfo tensor, DataType computeType) {
        if (tensor.dtype().isFloat()) {
            if (computeType != DataType.FLOAT32 && computeType != DataType.FLOAT16 && computeType != DataType.FLOAT64) {
                throw new IllegalArgumentException("compute dtype must be FLOAT32, FLOAT16 or FLOAT64, got "
                        + computeType + " (bfloat16 arrays are not supported by DJL)");
            }
            return computeType;
        }
        return tensor.dtype().djlType().orElseThrow(() -> new CheckpointException(tensor.file() + ": tensor '"
                + tensor.name() + "': dtype " + tensor.dtype() + " cannot be loaded (no DJL type)"));
    }

    private static int blockElements(TensorInfo tensor, long elements, long bytesPerElement) {
        if (elements * bytesPerElement > Integer.MAX_VALUE) {
            throw new CheckpointException(tensor.file() + ": tensor '" + tensor.name() + "': a single row of "
                    + elements + " elements is too large to stage");
        }
        return (int) elements;
    }

    private ByteBuffer stage(int bytes) {
        if (staging == null || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(Math.max(bytes, MIN_STAGING_BYTES)).order(ByteOrder.nativeOrder());
        }
        ByteBuffer view = staging.duplicate().order(ByteOrder.nativeOrder());
        view.clear().limit(bytes);
        return view;
    }

    private static NDArray reshaped(NDArray matrix, Shape shape) {
        NDArray result = matrix.reshape(shape);
        if (result != matrix) {
            matrix.close();
        }
        return result;
    }

    /** Fills {@code stage} with {@code elements} values of {@code source} as {@code stageType}. */
    static void convert(SafetensorsDtype from, DataType stageType, ByteBuffer source, ByteBuffer stage, int elements) {
        if (from.djlType().filter(stageType::equals).isPresent()) {
            stage.put(source.duplicate().limit(elements * from.bytes()));
        } else {
            switch (from) {
                case BF16:
                    for (int i = 0; i < elements; i++) {
                        stage.putFloat(FloatBits.bf16ToFloat(source.getShort(2 * i)));
                    }
                    break;
                case F16:
                    for (int i = 0; i < elements; i++) {
                        stage.putFloat(FloatBits.halfToFloat(source.getShort(2 * i)));
                    }
                    break;
                case F64:
                    for (int i = 0; i < elements; i++) {
                        stage.putFloat((float) source.getDouble(8 * i));
                    }
                    break;
                default:
                    throw new IllegalStateException("no conversion from " + from + " to " + stageType);
            }
        }
        stage.flip();
    }
}
