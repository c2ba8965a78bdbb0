/** Per-token and per-sequence log-probs of responses under a causal LM, for preference training. */
package dev.mopo.djl.logprob;
