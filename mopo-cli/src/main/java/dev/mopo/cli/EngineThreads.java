package dev.mopo.cli;

/**
 * PyTorch's thread settings. Commands whose tensors are tiny (the synthetic suite, the demo) use
 * one intra-op thread, because per-operation threading costs more than it saves there and
 * oversubscribed cores make it far worse; a user's own {@code -Dai.djl.pytorch.num_threads} wins.
 * Benchmarks set an explicit count ({@link dev.mopo.bench.model.PyTorchThreads}). Must run before
 * the engine starts.
 */
final class EngineThreads {

    private EngineThreads() {}

    static void preferOneForTinyTensors() {
        System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
        System.setProperty("ai.djl.pytorch.num_interop_threads",
                System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
    }
}
