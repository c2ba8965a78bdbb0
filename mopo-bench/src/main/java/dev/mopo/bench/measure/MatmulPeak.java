package dev.mopo.bench.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * This machine's measured fp32 matrix-multiply rate through DJL's PyTorch engine on the threads
 * PyTorch is set to: the best of several rounds of square {@code n × n} products, {@code 2n³}
 * FLOPs each. The denominator of model FLOPs utilisation: what the hardware gives the kernels a
 * training step is made of, rather than a datasheet figure.
 */
public final class MatmulPeak {

    private static final int SIZE = 1024;
    private static final int PRODUCTS_PER_ROUND = 8;
    private static final int ROUNDS = 5;

    private MatmulPeak() {}

    /** FLOPs per second, the best round's. */
    public static double measure() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomNormal(new Shape(SIZE, SIZE), DataType.FLOAT32);
            NDArray b = manager.randomNormal(new Shape(SIZE, SIZE), DataType.FLOAT32);
            a.matMul(b).close();
            double best = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < PRODUCTS_PER_ROUND; i++) {
                    NDArray product = a.matMul(b);
                    product.getFloat(0, 0);
                    product.close();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.max(best, PRODUCTS_PER_ROUND * 2.0 * SIZE * SIZE * SIZE / seconds);
            }
            return best;
        }
    }
}
