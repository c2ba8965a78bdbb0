/** A batch of preference pairs as the losses see it: log-probs, token counts and outcomes. */
package dev.mopo.core.batch;
