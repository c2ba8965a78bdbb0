package dev.mopo.datasets.batch;

import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import java.util.ArrayList;
import java.util.List;

/** Small synthetic pairs and a one-token-per-character encoder for batching tests. */
final class Examples {

    /** Each character becomes its code point: lengths in tokens equal lengths in characters. */
    static final TokenEncoder CHARS = text -> text.codePoints().toArray();

    private Examples() {}

    static PreferenceExample pair(String prompt, String a, String b, int... signs) {
        List<Outcome> outcomes = new ArrayList<>();
        for (int sign : signs) {
            outcomes.add(Outcome.ofSign(sign));
        }
        return PreferenceExample.of(Prompt.of(prompt), a, b, outcomes, 0);
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
