package dev.mopo.bench.cli;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's thread settings. Commands whose tensors are tiny (the synthetic suite, the demo) use
 * one intra-op thread, because per-operation threading costs more than it saves there and
 * oversubscribed cores make it far worse; a user's own {@code -Dai.djl.pytorch.num_threads} wins.
 * Benchmarks set an explicit count. Must run before the engine starts.
 */
final class EngineThreads {

    private EngineThreads() {}

    static void preferOneForTinyTensors() {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    }

    /**
     * {@code threads} intra-op threads and one inter-op thread, for benchmarks; starts the engine
     * and returns the intra-op count it runs with. The inter-op count takes effect only if the
     * engine was not started before.
     */
    static int use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        return JniUtils.getNumThreads();
    }
}
