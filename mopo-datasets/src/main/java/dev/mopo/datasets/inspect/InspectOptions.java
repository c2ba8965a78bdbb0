package dev.mopo.datasets.inspect;

import dev.mopo.datasets.batch.TokenEncoder;
import dev.mopo.datasets.template.ChatTemplate;
import java.util.Objects;

/**
 * How to inspect.
 *
 * @param strict stop at the first bad row (a {@link dev.mopo.datasets.reject.BadRowException}),
 *     refusals of the tokenisation included
 * @param encoder when set, pairs are tokenised as for training and lengths are in its tokens;
 *     otherwise lengths are in characters
 * @param template how pairs are rendered for the encoder; set exactly when the encoder is
 * @param examples how many rejected rows the report lists
 */
public record InspectOptions(boolean strict, TokenEncoder encoder, ChatTemplate template, int examples) {

    /** Checks that an encoder comes with its template. */
    public InspectOptions {
        if ((encoder == null) != (template == null)) {
            throw new IllegalArgumentException("a token encoder and a chat template go together");
        }
    }

    /** Skip and count bad rows, lengths in characters, 10 rejected rows listed. */
    public static InspectOptions defaults() {
        return new InspectOptions(false, null, null, 10);
    }

    /** The same options, strict or not. */
    public InspectOptions withStrict(boolean stopAtFirstBadRow) {
        return new InspectOptions(stopAtFirstBadRow, encoder, template, examples);
    }

    /** The same options, tokenising pairs rendered by {@code with} and measuring lengths in tokens. */
    public InspectOptions withTokens(TokenEncoder tokens, ChatTemplate with) {
        return new InspectOptions(strict, Objects.requireNonNull(tokens, "tokens"), Objects.requireNonNull(with,
                "with"), examples);
    }
}
