package dev.mopo.bench.demo;

import java.nio.file.Path;

/**
 * One trained (or reference) policy of the demo and its evaluation.
 *
 * @param name how reports call it
 * @param loss the loss it was trained with ("reference" for the starting policy)
 * @param threshold MOPO's conciseness threshold, or NaN
 * @param checkpoint the policy's folder
 * @param output the training run's folder (metrics.jsonl), or null for the reference
 * @param evaluation its win rates and answer statistics, from sampled answers
 * @param estimated the win rates the trainer estimated on held-out pairs at the end (SNIS over the
 *     data's responses, what MOPO's constraint acts on); {@code {½, ½}} for the reference
 * @param finalLambda MOPO's last multiplier, or NaN
 */
record DemoRun(String name, String loss, double threshold, Path checkpoint, Path output, PolicyEvaluation evaluation,
        double[] estimated, double finalLambda) {}
