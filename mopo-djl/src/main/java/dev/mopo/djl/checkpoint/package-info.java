/**
 * Hugging Face checkpoint I/O without pickle or whole-file reads: a validating safetensors reader
 * (single file or sharded, any size) that reads block by block and converts floats in Java — DJL
 * has no bfloat16 arrays — and an atomic writer producing folders transformers loads, from arrays
 * or from tensors generated while they are written ({@link dev.mopo.djl.checkpoint.TensorSource}).
 */
package dev.mopo.djl.checkpoint;
