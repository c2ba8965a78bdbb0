package dev.mopo.datasets.inspect;

import dev.mopo.datasets.batch.TokenEncoder;
import dev.mopo.datasets.template.ChatTemplate;

/**
 * How to inspect.
 *
 * @param strict stop at the first bad row (a {@link dev.mopo.datasets.reject.BadRowException})
 * @param encoder when set, lengths are in tokens of this encoder; otherwise in characters
 * @param template when set with an encoder, prompts are measured as rendered by it
 * @param examples how many rejected rows the report lists
 */
public record InspectOptions(boolean strict, TokenEncoder encoder, ChatTemplate template, int examples) {

    /** Skip and count bad rows, lengths in characters, 10 rejected rows listed. */
    public static InspectOptions defaults() {
        return new InspectOptions(false, null, null, 10);
    }

    /** The same options, strict or not. */
    public InspectOptions withStrict(boolean stopAtFirstBadRow) {
        return new InspectOptions(stopAtFirstBadRow, encoder, template, examples);
    }

    /** The same options, measuring lengths in tokens (prompts rendered by {@code with} when not null). */
    public InspectOptions withTokens(TokenEncoder tokens, ChatTemplate with) {
        return new InspectOptions(strict, tokens, with, examples);
    }
}
