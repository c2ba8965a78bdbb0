/**
 * The published algorithm's weights (spec §10), engine-agnostic and in plain Java: per-response
 * preference values {@link dev.mopo.core.tilt.PreferenceValues}, a batch's responses as a sample
 * of the reference {@link dev.mopo.core.tilt.ResponseSample}, the tilted ratio of Eq. 3
 * {@link dev.mopo.core.tilt.TiltedWeights} and the robust lower bound of Eq. 8
 * {@link dev.mopo.core.tilt.RobustBound}.
 */
package dev.mopo.core.tilt;
