package dev.mopo.djl.checkpoint;

/**
 * A checkpoint on disk is malformed or does not fit the model: a bad safetensors header, a
 * missing tensor, a shape mismatch, an unsupported format. The message is one line naming the
 * file and, where there is one, the tensor.
 */
public final class CheckpointException extends IllegalArgumentException {

    /** An exception with a one-line message naming the file and tensor. */
    public CheckpointException(String message) {
        super(message);
    }
}
