/**
 * A batch of preference pairs as the losses and multiplier rules see it: log-probs, token counts,
 * outcomes and, optionally, the behaviour policy's log-probs, prompt and response ids and given
 * preference values.
 */
package dev.mopo.core.batch;
