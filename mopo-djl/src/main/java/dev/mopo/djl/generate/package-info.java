/** Greedy and temperature/top-p generation with a KV cache, batched and seedable. */
package dev.mopo.djl.generate;
