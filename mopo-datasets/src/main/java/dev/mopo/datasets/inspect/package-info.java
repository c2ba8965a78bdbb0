/**
 * What a corpus holds and what was thrown away: pairs kept, rows rejected by reason,
 * per-objective label balance, how often each objective disagrees with the primary, and
 * length statistics, as text for people and as one JSON object for tools
 * ({@code mopo data inspect}).
 */
package dev.mopo.datasets.inspect;
