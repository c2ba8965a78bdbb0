/**
 * Causal language models on DJL for preference fine-tuning:
 *
 * <ul>
 *   <li>{@link dev.mopo.djl.checkpoint} — safetensors reading and writing;
 *   <li>{@link dev.mopo.djl.model} — configs, the decoder block, loading ({@code CausalLm.load}) and memory plans;
 *   <li>{@link dev.mopo.djl.logprob} — response log-probs for trainers;
 *   <li>{@link dev.mopo.djl.generate} — generation with a KV cache.
 * </ul>
 */
package dev.mopo.djl;
