/**
 * Scorers of responses: reward models, Java objectives found on the class path
 * ({@link dev.mopo.bench.score.ScorerProvider}, through {@link java.util.ServiceLoader}) and external
 * commands speaking JSON lines, behind one interface, {@link dev.mopo.bench.score.Scorer}.
 */
package dev.mopo.bench.score;
