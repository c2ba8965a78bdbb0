/** Pareto filtering and exact 2-D and 3-D hypervolume, for comparing fronts. */
package dev.mopo.core.pareto;
