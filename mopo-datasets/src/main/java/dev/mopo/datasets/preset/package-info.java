/**
 * How each corpus becomes labelled pairs: which columns it needs (and of what type), how a row
 * (or two rows, for HelpSteer2) becomes a prompt, two responses and K outcomes, and why a row
 * is rejected. {@link dev.mopo.datasets.preset.Presets} creates a preset by name with its
 * options.
 */
package dev.mopo.datasets.preset;
