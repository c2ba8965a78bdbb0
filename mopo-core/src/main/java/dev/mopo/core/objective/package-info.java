/** Objectives, their order (primary first) and the outcome each gives a pair. */
package dev.mopo.core.objective;
