/**
 * Reward models: Hugging Face {@code *ForSequenceClassification} checkpoints of every supported
 * architecture and Safe-RLHF score models, scoring token sequences as transformers 5.18 (and
 * Safe-RLHF) do — the same pooled position, the same logits — in fp32, batched, on any device.
 * {@link dev.mopo.djl.score.RewardModel} scores token ids; {@link dev.mopo.djl.score.RewardInputs}
 * turns a prompt and a response into the ids a reward model expects.
 */
package dev.mopo.djl.score;
