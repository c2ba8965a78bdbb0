package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.PkuChatTemplate;
import dev.mopo.datasets.template.RawTextTemplate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Text rows with their EOS, refusals, and TRL-style truncation, on a one-token-per-character encoder. */
class PairTokenizerTest {

    private static final ChatTemplate RAW = RawTextTemplate.INSTANCE;
    private static final int EOS = 2;
    private static final Consumer<Rejection> NONE_EXPECTED = rejection -> {
        throw new AssertionError("unexpected rejection: " + rejection.message());
    };

    private static PairTokenizer tokenizer(int maxLength, int maxPromptLength) {
        return new PairTokenizer(RAW, Examples.CHARS_WITH_EOS, new TokenLimits(maxLength, maxPromptLength),
                NONE_EXPECTED);
    }

    private static TokenizedPair one(PairTokenizer tokenizer, PreferenceExample pair) {
        List<TokenizedPair> pairs = tokenizer.tokenizeAll(List.of(pair));
        assertEquals(1, pairs.size());
        return pairs.get(0);
    }

    /** Characters become their code points, except that texts holding '#' cannot be encoded there. */
    private static final TokenEncoder HASH_UNENCODABLE = new TokenEncoder() {
        @Override
        public List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens) {
            List<Encoded> out = new ArrayList<>();
            for (String text : texts) {
                out.add(new Encoded(text.replace("#", "").codePoints().toArray(), text.indexOf('#')));
            }
            return out;
        }

        @Override
        public Optional<String> eosText() {
            return Optional.of("\u0002");
        }
    };

    @Test
    void shortPairsAreKeptWholeWithTheEosText() {
        TokenizedPair pair = one(tokenizer(100, 50), Examples.pair("ab", "c", "de", 1, -1));
        assertArrayEquals(new int[] {'a', 'b'}, pair.prompt());
        assertArrayEquals(new int[] {'c', EOS}, pair.responseA());
        assertArrayEquals(new int[] {'d', 'e', EOS}, pair.responseB());
        assertArrayEquals(new int[] {1, -1}, pair.outcomes());
        assertEquals(5, pair.length());
        assertEquals(Examples.FILE, pair.file());
    }

    @Test
    void aResponseEndingWithTheEosTextGetsNoSecondOne() {
        TokenizedPair pair = one(tokenizer(100, 50), Examples.pair("ab", "c\u0002", "d", 1));
        assertArrayEquals(new int[] {'c', EOS}, pair.responseA());
    }

    @Test
    void aLongPromptKeepsItsEnd() {
        // 8 + (5 + eos) = 14 > 10: the prompt keeps its last 4 tokens; 4 + 6 fits.
        TokenizedPair pair = one(tokenizer(10, 4), Examples.pair("12345678", "abc", "vwxyz", 1));
        assertArrayEquals("5678".codePoints().toArray(), pair.prompt());
        assertArrayEquals(new int[] {'v', 'w', 'x', 'y', 'z', EOS}, pair.responseB());
        assertEquals(10, pair.length());
    }

    @Test
    void responsesAreCutToWhatTheLimitsLeave() {
        // 3 + 13 > 10 with the prompt already within max_prompt_length: both responses keep 10 - 4 = 6.
        TokenizedPair pair = one(tokenizer(10, 4), Examples.pair("xyz", "abcdefghijkl", "ab", 1));
        assertArrayEquals("xyz".codePoints().toArray(), pair.prompt());
        assertArrayEquals("abcdef".codePoints().toArray(), pair.responseA());
        assertArrayEquals(new int[] {'a', 'b', EOS}, pair.responseB());
    }

    @Test
    void bothTruncationsApply() {
        // 20 + 21 > 12: prompt keeps its last 5; 5 + 21 > 12: responses keep 12 - 5 = 7.
        TokenizedPair pair = one(tokenizer(12, 5), Examples.pair("p".repeat(15) + "12345", "r".repeat(20), "s", 1));
        assertArrayEquals("12345".codePoints().toArray(), pair.prompt());
        assertEquals(7, pair.responseA().length);
        assertEquals(12, pair.length());
    }

    @Test
    void promptsAreRenderedByTheTemplate() {
        PairTokenizer pku = new PairTokenizer(new PkuChatTemplate("</s>"), Examples.CHARS, TokenLimits.DEFAULT,
                NONE_EXPECTED);
        TokenizedPair pair = one(pku, Examples.pair("Hi?", "a", "b", 1));
        assertEquals("BEGINNING OF CONVERSATION: USER: Hi? ASSISTANT:", new String(pair.prompt(), 0, pair.prompt().length));
    }

    @Test
    void theLimitsMustLeaveRoomForAResponse() {
        assertThrows(IllegalArgumentException.class, () -> BatchConfig.builder(0).maxLength(8).maxPromptLength(8).build());
        assertThrows(IllegalArgumentException.class, () -> BatchConfig.builder(-1).build());
    }

    @Test
    void unencodableTextIsRefusedWithItsFileRowAndCharacter() {
        List<Rejection> rejections = new ArrayList<>();
        PairTokenizer tokenizer = new PairTokenizer(RAW, HASH_UNENCODABLE, TokenLimits.DEFAULT, rejections::add);
        List<TokenizedPair> kept = tokenizer.tokenizeAll(List.of(
                Examples.pairAt(3, "fine", "a", "b", 1),
                Examples.pairAt(4, "pro#mpt", "a", "b", 1),
                Examples.pairAt(5, "fine", "a", "b#", 1),
                Examples.pairAt(6, "also fine", "a", "b", -1)));
        assertEquals(2, kept.size());
        assertEquals(List.of(0, 1), List.of(kept.get(0).index(), kept.get(1).index()));
        assertEquals(List.of(3L, 6L), List.of(kept.get(0).row(), kept.get(1).row()));
        assertEquals(2, rejections.size());
        Rejection prompt = rejections.get(0);
        assertEquals(RejectReason.UNENCODABLE_TEXT, prompt.reason());
        assertEquals(Examples.FILE, prompt.file());
        assertEquals(4, prompt.row());
        assertTrue(prompt.detail().startsWith("the rendered prompt: the tokenizer cannot encode '#' (U+0023)"),
                prompt.detail());
        assertTrue(prompt.message().startsWith("synthetic.jsonl row 5: unencodable_text: "), prompt.message());
        Rejection response = rejections.get(1);
        assertEquals(5, response.row());
        assertTrue(response.detail().startsWith("response_b: the tokenizer cannot encode '#'"), response.detail());
    }

    @Test
    void aResponseWithoutATokenOfItsOwnIsRefused() {
        List<Rejection> rejections = new ArrayList<>();
        PairTokenizer tokenizer = new PairTokenizer(RAW, Examples.CHARS_WITH_EOS, new TokenLimits(10, 4),
                rejections::add);
        // The response is the EOS text itself: TRL appends nothing, and the only token is the EOS.
        List<TokenizedPair> kept = tokenizer.tokenizeAll(List.of(Examples.pairAt(7, "abc", "x", "\u0002", 1),
                Examples.pairAt(8, "abc", "", "y", 1)));
        assertTrue(kept.isEmpty());
        assertEquals(List.of(RejectReason.NO_RESPONSE_TOKENS, RejectReason.NO_RESPONSE_TOKENS),
                List.of(rejections.get(0).reason(), rejections.get(1).reason()));
        assertEquals(7, rejections.get(0).row());
        assertTrue(rejections.get(0).detail().startsWith("response_b keeps no token of its own"),
                rejections.get(0).detail());
        assertTrue(rejections.get(1).detail().startsWith("response_a keeps no token"), rejections.get(1).detail());
    }

    @Test
    void keptPairsOfAStreamAreNumberedTheSameOnEveryPass() {
        List<PreferenceExample> examples = new ArrayList<>(Examples.many(PairTokenizer.CHUNK + 3));
        examples.set(1, Examples.pairAt(1, "bad#", "a", "b", 1));
        examples.set(PairTokenizer.CHUNK + 1, Examples.pairAt(PairTokenizer.CHUNK + 1, "bad#", "a", "b", 1));
        for (int pass = 0; pass < 2; pass++) {
            List<Rejection> rejections = new ArrayList<>();
            PairTokenizer tokenizer = new PairTokenizer(RAW, HASH_UNENCODABLE, TokenLimits.DEFAULT, rejections::add);
            List<Integer> indices = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Iterator<TokenizedPair> it = tokenizer.tokenize(examples.iterator()); it.hasNext();) {
                TokenizedPair pair = it.next();
                indices.add(pair.index());
                ids.add(pair.id());
            }
            assertEquals(PairTokenizer.CHUNK + 1, indices.size());
            for (int i = 0; i < indices.size(); i++) {
                assertEquals(i, indices.get(i));
            }
            assertEquals(examples.get(2).id(), ids.get(1));
            assertEquals(2, rejections.size());
        }
    }

    @Test
    void streamsAreTokenisedInChunks() {
        int[] calls = new int[1];
        TokenEncoder counting = new TokenEncoder() {
            @Override
            public List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens) {
                calls[0]++;
                return Examples.CHARS.encodeAll(texts, addSpecialTokens);
            }

            @Override
            public Optional<String> eosText() {
                return Optional.empty();
            }
        };
        PairTokenizer tokenizer = new PairTokenizer(RAW, counting, TokenLimits.DEFAULT, NONE_EXPECTED);
        int n = 0;
        for (var it = tokenizer.tokenize(Examples.many(PairTokenizer.CHUNK + 3).iterator()); it.hasNext(); it.next()) {
            n++;
        }
        assertEquals(PairTokenizer.CHUNK + 3, n);
        assertEquals(2, calls[0]);
    }
}
