package dev.mopo.bench.model;

import ai.djl.ndarray.types.Shape;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.checkpoint.TensorSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.SplittableRandom;

/**
 * A bf16 tensor generated while it is written, a few MiB at a time: random weights (random sign,
 * magnitude in [2⁻⁹, 2⁻⁵), about the scale of transformers' {@code initializer_range} 0.02), or a
 * constant (norm weights are ones, as transformers initialises them).
 */
final class RandomBf16Tensor implements TensorSource {

    private static final int CHUNK_BYTES = 4 << 20;
    /** Per 16-bit lane of random bits: keep the sign and the low 9 bits (2 exponent + 7 mantissa bits)... */
    private static final long LANE_MASK = 0x81FF_81FF_81FF_81FFL;
    /** ...and add exponent 118 (2⁻⁹): magnitudes span the 4 binades [2⁻⁹, 2⁻⁵). */
    private static final long LANE_BASE = 0x3B00_3B00_3B00_3B00L;
    private static final short ONE = 0x3F80;
    private static final short ZERO = 0;

    private final String name;
    private final Shape shape;
    private final boolean random;
    private final long seed;
    private final short constant;

    private RandomBf16Tensor(String name, Shape shape, boolean random, long seed, short constant) {
        this.name = name;
        this.shape = shape;
        this.random = random;
        this.seed = seed;
        this.constant = constant;
    }

    /** Random weights, reproducible from {@code seed}. */
    static RandomBf16Tensor random(String name, Shape shape, long seed) {
        return new RandomBf16Tensor(name, shape, true, seed, ZERO);
    }

    /** All ones. */
    static RandomBf16Tensor ones(String name, Shape shape) {
        return new RandomBf16Tensor(name, shape, false, 0, ONE);
    }

    /** All zeros. */
    static RandomBf16Tensor zeros(String name, Shape shape) {
        return new RandomBf16Tensor(name, shape, false, 0, ZERO);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SafetensorsDtype dtype() {
        return SafetensorsDtype.BF16;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public void writeTo(WritableByteChannel out) throws IOException {
        SplittableRandom bits = new SplittableRandom(seed);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long remaining = byteSize();
        while (remaining > 0) {
            int bytes = (int) Math.min(CHUNK_BYTES, remaining);
            chunk.clear().limit(bytes);
            if (!random) {
                while (chunk.hasRemaining()) {
                    chunk.putShort(constant);
                }
            } else {
                while (chunk.remaining() >= 8) {
                    chunk.putLong((bits.nextLong() & LANE_MASK) + LANE_BASE);
                }
                while (chunk.hasRemaining()) {
                    chunk.putShort((short) ((bits.nextLong() & LANE_MASK) + LANE_BASE));
                }
            }
            chunk.flip();
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            remaining -= bytes;
        }
    }
}
