/**
 * Hugging Face checkpoint I/O without pickle or whole-file reads: a validating, memory-mapped
 * safetensors reader (single file or sharded, any size) that converts floats in Java — DJL has
 * no bfloat16 arrays — and an atomic writer producing folders transformers loads.
 */
package dev.mopo.djl.checkpoint;
