package dev.mopo.datasets.batch;

import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small synthetic pairs and one-token-per-character encoders for batching tests. */
final class Examples {

    /** Where the synthetic pairs come from, for messages. */
    static final Path FILE = Path.of("synthetic.jsonl");

    /**
     * Each character becomes its code point, no special tokens, no EOS: lengths in tokens equal
     * lengths in characters.
     */
    static final TokenEncoder CHARS = chars(Optional.empty());

    /** {@link #CHARS} with the EOS text {@code "\u0002"}, which is token 2. */
    static final TokenEncoder CHARS_WITH_EOS = chars(Optional.of("\u0002"));

    private Examples() {}

    /** A one-token-per-character encoder with the given EOS text; every text is encoded completely. */
    static TokenEncoder chars(Optional<String> eos) {
        return new TokenEncoder() {
            @Override
            public List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens) {
                List<Encoded> out = new ArrayList<>();
                for (String text : texts) {
                    out.add(Encoded.of(text.codePoints().toArray()));
                }
                return out;
            }

            @Override
            public Optional<String> eosText() {
                return eos;
            }
        };
    }

    static PreferenceExample pair(String prompt, String a, String b, int... signs) {
        return pairAt(0, prompt, a, b, signs);
    }

    /** A pair read from row {@code row} of {@link #FILE}. */
    static PreferenceExample pairAt(long row, String prompt, String a, String b, int... signs) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int sign : signs) {
            outcomes.add(Outcome.ofSign(sign));
        }
        return PreferenceExample.of(Prompt.of(prompt), a, b, outcomes, FILE, row);
    }

    /** n pairs whose prompt lengths vary with i. */
    static List<PreferenceExample> many(int n) {
        List<PreferenceExample> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pairs.add(pair("p".repeat(1 + i % 7) + i, "a" + i, "bb" + i, i % 2 == 0 ? 1 : -1, (i % 3) - 1));
        }
        return pairs;
    }
}
