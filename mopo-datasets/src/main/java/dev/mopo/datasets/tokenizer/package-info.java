/**
 * Hugging Face fast tokenizers from local model folders, with their special tokens and chat
 * template, tokenising as transformers 5 does (its LlamaTokenizer rebuild included) and saying
 * which character of a text they could not encode.
 */
package dev.mopo.datasets.tokenizer;
