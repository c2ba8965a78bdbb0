/**
 * Chat templates: how a prompt's turns become the text the model reads before its response.
 * A checkpoint's own Jinja {@code chat_template} (rendered by Jinjava in a sandbox: no file or
 * network access, no Java methods beyond Python's string, list and dict methods, bounded
 * output), a plain {@code Human:/Assistant:} fallback, and PKU-SafeRLHF's
 * {@code BEGINNING OF CONVERSATION:} style.
 */
package dev.mopo.datasets.template;
