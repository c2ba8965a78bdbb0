/**
 * From labelled pairs to what a trainer feeds a model: each pair rendered by a chat template and
 * tokenised as TRL 1.13 tokenises it ({@link dev.mopo.datasets.batch.PairTokenizer}: prompt and
 * prompt + response encoded whole, the response the ids after the prompt), pairs that cannot be
 * encoded refused, truncated (the prompt kept from its end), padded on either side with response
 * masks, grouped by length and shuffled with a seed inside a bounded window, with K outcome
 * columns per batch and a stable train/eval split.
 */
package dev.mopo.datasets.batch;
