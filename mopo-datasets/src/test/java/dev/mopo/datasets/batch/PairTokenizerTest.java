package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.PkuChatTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendering, EOS and TRL-style truncation. */
class PairTokenizerTest {

    private static final ChatTemplate RAW = Prompt::text;
    private static final int EOS = 2;

    private static PairTokenizer tokenizer(int maxLength, int maxPromptLength) {
        return new PairTokenizer(RAW, Examples.CHARS,
                BatchConfig.builder(0).maxLength(maxLength).maxPromptLength(maxPromptLength).eosId(EOS).build());
    }

    @Test
    void shortPairsAreKeptWholeWithEos() {
        TokenizedPair pair = tokenizer(100, 50).tokenize(Examples.pair("ab", "c", "de", 1, -1));
        assertArrayEquals(new int[] {'a', 'b'}, pair.prompt());
        assertArrayEquals(new int[] {'c', EOS}, pair.responseA());
        assertArrayEquals(new int[] {'d', 'e', EOS}, pair.responseB());
        assertArrayEquals(new int[] {1, -1}, pair.outcomes());
        assertEquals(5, pair.length());
    }

    @Test
    void aLongPromptKeepsItsEnd() {
        // 8 + (5 + eos) = 14 > 10: the prompt keeps its last 4 tokens; 4 + 6 fits.
        TokenizedPair pair = tokenizer(10, 4).tokenize(Examples.pair("12345678", "abc", "vwxyz", 1));
        assertArrayEquals("5678".codePoints().toArray(), pair.prompt());
        assertArrayEquals(new int[] {'v', 'w', 'x', 'y', 'z', EOS}, pair.responseB());
        assertEquals(10, pair.length());
    }

    @Test
    void responsesAreCutToWhatTheLimitsLeave() {
        // 3 + 13 > 10 with the prompt already within max_prompt_length: both responses keep 10 - 4 = 6.
        TokenizedPair pair = tokenizer(10, 4).tokenize(Examples.pair("xyz", "abcdefghijkl", "ab", 1));
        assertArrayEquals("xyz".codePoints().toArray(), pair.prompt());
        assertArrayEquals("abcdef".codePoints().toArray(), pair.responseA());
        assertArrayEquals(new int[] {'a', 'b', EOS}, pair.responseB());
    }

    @Test
    void bothTruncationsApply() {
        // 20 + 21 > 12: prompt keeps its last 5; 5 + 21 > 12: responses keep 12 - 5 = 7.
        TokenizedPair pair = tokenizer(12, 5).tokenize(Examples.pair("p".repeat(15) + "12345", "r".repeat(20), "s", 1));
        assertArrayEquals("12345".codePoints().toArray(), pair.prompt());
        assertEquals(7, pair.responseA().length);
        assertEquals(12, pair.length());
    }

    @Test
    void promptsAreRenderedByTheTemplate() {
        PairTokenizer pku = new PairTokenizer(new PkuChatTemplate("</s>"), Examples.CHARS,
                BatchConfig.builder(0).build());
        TokenizedPair pair = pku.tokenize(Examples.pair("Hi?", "a", "b", 1));
        assertEquals("BEGINNING OF CONVERSATION: USER: Hi? ASSISTANT:", new String(pair.prompt(), 0, pair.prompt().length));
    }

    @Test
    void theLimitsMustLeaveRoomForAResponse() {
        assertThrows(IllegalArgumentException.class, () -> BatchConfig.builder(0).maxLength(8).maxPromptLength(8).build());
        assertThrows(IllegalArgumentException.class, () -> BatchConfig.builder(-1).build());
    }

    @Test
    void streamsAreTokenisedInChunks() {
        int[] calls = new int[1];
        TokenEncoder counting = new TokenEncoder() {
            @Override
            public int[] encode(String text) {
                return Examples.CHARS.encode(text);
            }

            @Override
            public List<int[]> encodeAll(List<String> texts) {
                calls[0]++;
                return TokenEncoder.super.encodeAll(texts);
            }
        };
        PairTokenizer tokenizer = new PairTokenizer(RAW, counting, BatchConfig.builder(0).build());
        int n = 0;
        for (var it = tokenizer.tokenize(Examples.many(PairTokenizer.CHUNK + 3).iterator()); it.hasNext(); it.next()) {
            n++;
        }
        assertEquals(PairTokenizer.CHUNK + 3, n);
        assertEquals(2, calls[0]);
    }
}
