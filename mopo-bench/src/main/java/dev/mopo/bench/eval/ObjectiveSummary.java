package dev.mopo.bench.eval;

/**
 * A policy under one objective.
 *
 * @param mean the mean score over every sample, with its bootstrap interval over prompts
 * @param winRate the fraction of samples scoring above the reference's sample of the same prompt and
 *     index (ties ½), with its bootstrap interval over prompts; exactly ½ for the reference itself
 */
public record ObjectiveSummary(Estimate mean, Estimate winRate) {}
