package dev.mopo.bench.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.mopo.core.Checks;

/**
 * Sets PyTorch's thread pools through DJL's system properties, which the engine reads once when
 * it starts: {@code threads} intra-op threads (the ones matmuls use) and one inter-op thread.
 */
public final class PyTorchThreads {

    private PyTorchThreads() {}

    /**
     * Sets the pools, starts the engine, and returns the intra-op thread count PyTorch reports.
     * Fails if the engine had already started with a different count.
     */
    public static int configure(int threads) {
        Checks.atLeastOne("threads", threads);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine("PyTorch");
        int actual = JniUtils.getNumThreads();
        if (actual != threads) {
            throw new IllegalStateException("PyTorch runs " + actual + " threads, not " + threads
                    + ": the engine started before the thread count was set");
        }
        return actual;
    }
}
