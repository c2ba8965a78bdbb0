package dev.mopo.djl.model;

/** How a projection matrix is stored in the checkpoint. */
public enum WeightLayout {
    /** {@code torch.nn.Linear}: {@code [out, in]}, applied as {@code x·Wᵀ + b}. */
    OUT_IN,
    /** GPT-2's {@code Conv1D}: {@code [in, out]}, applied as {@code x·W + b}. */
    IN_OUT
}
