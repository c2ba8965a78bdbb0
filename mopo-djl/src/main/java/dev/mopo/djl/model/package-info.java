/**
 * Hugging Face causal LMs as DJL blocks: config parsing ({@link dev.mopo.djl.model.ConfigParser}),
 * one config-driven decoder ({@link dev.mopo.djl.model.CausalLmBlock}) covering Llama, Mistral,
 * Qwen2, GPT-NeoX, OPT and GPT-2, the loaded model ({@link dev.mopo.djl.model.CausalLm}), the KV
 * cache and a memory plan. The exact per-architecture rules are in
 * {@code src/test/fixtures/ARCHITECTURES.md}.
 */
package dev.mopo.djl.model;
