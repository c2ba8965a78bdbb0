/**
 * From labelled pairs to what a trainer feeds a model: prompts rendered by a chat template and
 * tokenised with any {@link dev.mopo.datasets.batch.TokenEncoder}, truncated as TRL truncates
 * (the prompt kept from its end), padded on either side with response masks, grouped by length
 * and shuffled with a seed inside a bounded window, with K outcome columns per batch and a
 * stable train/eval split.
 */
package dev.mopo.datasets.batch;
