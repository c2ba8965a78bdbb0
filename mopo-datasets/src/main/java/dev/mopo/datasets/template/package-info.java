/**
 * Chat templates: how a prompt's turns become the text the model reads before its response.
 * A checkpoint's own Jinja {@code chat_template} (rendered by Jinjava in a sandbox: no file or
 * network access, no Java methods beyond Python's string, list and dict methods, bounded
 * output), and three text templates for checkpoints without one: the prompt's own text
 * ({@code none}), a plain {@code Human:/Assistant:} format, and PKU-SafeRLHF's
 * {@code BEGINNING OF CONVERSATION:} style.
 */
package dev.mopo.datasets.template;
