/** Hugging Face fast tokenizers from local model folders, with their special tokens and chat template. */
package dev.mopo.datasets.tokenizer;
