/**
 * A preset over a row source: labelled pairs out, one at a time, and every row that could not
 * become a pair counted by reason (or, in strict mode, reported by the exception that stops
 * the read). Nothing is silently altered: a value is used as it is or the row is rejected.
 */
package dev.mopo.datasets.read;
