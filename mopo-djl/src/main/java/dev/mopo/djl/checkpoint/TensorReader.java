package dev.mopo.djl.checkpoint;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;

/**
 * Copies one tensor from a safetensors file into an NDArray, a block of whole rows at a time:
 * each block is read with a positional read (64-bit offsets, so files and tensors beyond 2 GiB
 * work) into a reused direct buffer, converted in Java into a reused direct staging buffer, and
 * copied into the destination array on its device. Peak memory is the destination plus two
 * blocks; nothing is read into the Java heap.
 *
 * <p>Blocks are read, not memory-mapped: a mapped block stays in the process's resident set until
 * the garbage collector happens to unmap it, so loading a 1.3B model from a 2.5 GiB bf16 file
 * peaked at 1.58 × the fp32 weights (the whole file resident beside them) instead of 1.08 ×.
 *
 * <p>Float data is converted to FLOAT32 in Java (bf16 is a 16-bit shift, f16 is widened exactly)
 * and, for a FLOAT16 compute type, narrowed by the engine; no bfloat16 NDArray is ever created.
 * Data already in the compute type, and integer data, is copied as it is. Assumes a
 * little-endian host, as safetensors and every platform of DJL's PyTorch engine are.
 */
final class TensorReader {

    /** Bytes converted per block; a single row larger than this gets a block of its own. */
    static final int BLOCK_BYTES = 64 << 20;

    /** The first size of each buffer; they grow to the largest block needed, at most {@link #BLOCK_BYTES} per row block. */
    private static final int MIN_BUFFER_BYTES = 1 << 20;

    /** Elements widened per pass of the bf16 loop (through heap arrays, which the JIT vectorises). */
    private static final int WIDEN_CHUNK = 1 << 14;

    private final int blockBytes;
    private ByteBuffer reading;
    private ByteBuffer staging;
    private final short[] narrow = new short[WIDEN_CHUNK];
    private final int[] wide = new int[WIDEN_CHUNK];

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
            ByteBuffer source = readBlock(channel, tensor, tensor.begin() + first * rowElements * sourceBytes,
                    elements * sourceBytes);
            ByteBuffer stage = stage(elements * stageType.getNumOfBytes());
            convert(tensor.dtype(), stageType, source, stage, elements, narrow, wide);
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

    /** Reads {@code bytes} bytes at {@code position} into the reused read buffer, little-endian. */
    private ByteBuffer readBlock(FileChannel channel, TensorInfo tensor, long position, int bytes) throws IOException {
        if (reading == null || reading.capacity() < bytes) {
            reading = ByteBuffer.allocateDirect(Math.max(bytes, MIN_BUFFER_BYTES));
        }
        ByteBuffer block = reading.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        block.clear().limit(bytes);
        while (block.hasRemaining()) {
            if (channel.read(block, position + block.position()) < 0) {
                throw new CheckpointException(tensor.file() + ": tensor '" + tensor.name() + "': the file ends at "
                        + (position + block.position()) + " bytes, inside the tensor (was it truncated while loading?)");
            }
        }
        return block.flip();
    }

    private ByteBuffer stage(int bytes) {
        if (staging == null || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(Math.max(bytes, MIN_BUFFER_BYTES)).order(ByteOrder.nativeOrder());
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

    /**
     * Fills {@code stage} with {@code elements} values of the little-endian {@code source} as
     * {@code stageType}; {@code narrow} and {@code wide} are scratch arrays of equal length.
     */
    static void convert(SafetensorsDtype from, DataType stageType, ByteBuffer source, ByteBuffer stage, int elements,
            short[] narrow, int[] wide) {
        if (from.djlType().filter(stageType::equals).isPresent()) {
            stage.put(source.duplicate().limit(elements * from.bytes()));
        } else {
            switch (from) {
                case BF16:
                    widenBf16(source, stage, elements, narrow, wide);
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

    /** bf16 → fp32 bits is a 16-bit shift: done a chunk at a time through heap arrays, in bulk. */
    private static void widenBf16(ByteBuffer source, ByteBuffer stage, int elements, short[] narrow, int[] wide) {
        ShortBuffer in = source.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        IntBuffer out = stage.asIntBuffer();
        for (int done = 0; done < elements; ) {
            int count = Math.min(narrow.length, elements - done);
            in.get(narrow, 0, count);
            for (int i = 0; i < count; i++) {
                wide[i] = narrow[i] << 16;
            }
            out.put(wide, 0, count);
            done += count;
        }
        stage.position(stage.position() + elements * 4);
    }
}
