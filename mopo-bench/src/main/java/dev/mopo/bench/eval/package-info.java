/**
 * Evaluation of trained policies: responses sampled with the KV cache from prompts encoded as
 * training encodes them, scored by reward models, Java objectives and external commands, compared
 * with a reference policy's, summarised with bootstrap intervals, the front and its hypervolume, and
 * reported as a self-contained HTML page. Start at {@link dev.mopo.bench.eval.Evaluation}.
 */
package dev.mopo.bench.eval;
