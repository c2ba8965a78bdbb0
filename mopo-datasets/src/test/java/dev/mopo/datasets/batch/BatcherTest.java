package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Padding, masks, outcome columns, grouping, seeded shuffling and bounded buffering. */
class BatcherTest {

    private static List<TokenizedPair> tokenized(List<PreferenceExample> pairs) {
        return new PairTokenizer(Prompt::text, Examples.CHARS, TokenLimits.DEFAULT, rejection -> {
            throw new AssertionError(rejection.message());
        }).tokenizeAll(pairs);
    }

    @Test
    void rightPaddingPutsPromptThenResponseThenPads() {
        List<TokenizedPair> pairs = tokenized(List.of(Examples.pair("ab", "c", "de", 1, 0),
                Examples.pair("x", "yyyy", "z", -1, 1)));
        TokenBatch batch = TokenBatch.of(pairs, BatchConfig.builder(9).build());
        assertEquals(2, batch.size());
        assertEquals(5, batch.length());
        assertArrayEquals(new int[] {
            'a', 'b', 'c', 9, 9,
            'x', 'y', 'y', 'y', 'y',
            'a', 'b', 'd', 'e', 9,
            'x', 'z', 9, 9, 9}, batch.inputIds());
        assertArrayEquals(new int[] {1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0}, batch.attentionMask());
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0}, batch.responseMask());
        assertArrayEquals(new int[] {1, 4, 2, 1}, batch.responseTokens());
        assertArrayEquals(new float[] {1, 0, -1, 1}, batch.outcomes());
        assertArrayEquals(new float[] {0, 1}, batch.outcome(1));
        assertNull(batch.scoresA());
    }

    @Test
    void leftPaddingEndsEveryRowTogether() {
        TokenBatch batch = TokenBatch.of(tokenized(List.of(Examples.pair("ab", "c", "de", 1), Examples.pair("x", "yyyy", "z", 1))),
                BatchConfig.builder(9).paddingSide(PaddingSide.LEFT).build());
        assertArrayEquals(new int[] {9, 9, 'a', 'b', 'c'}, Arrays.copyOfRange(batch.inputIds(), 0, 5));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1}, Arrays.copyOfRange(batch.responseMask(), 0, 5));
        assertArrayEquals(new int[] {9, 9, 9, 'x', 'z'}, Arrays.copyOfRange(batch.inputIds(), 15, 20));
    }

    @Test
    void scoresTravelWithThePairs() {
        PreferenceExample scored = PreferenceExample.withScores(Prompt.of("p"), "a", "b",
                List.of(Outcome.A_PREFERRED, Outcome.TIE), new double[] {4, Double.NaN}, new double[] {2, 3},
                Examples.FILE, 0);
        TokenBatch batch = TokenBatch.of(tokenized(List.of(scored)), BatchConfig.builder(0).build());
        assertEquals(4f, batch.scoresA()[0]);
        assertTrue(Float.isNaN(batch.scoresA()[1]));
        assertArrayEquals(new float[] {2, 3}, batch.scoresB());
    }

    @Test
    void withoutShuffleBatchesFollowTheStream() {
        List<String> ids = new ArrayList<>();
        Batcher batcher = new Batcher(tokenized(Examples.many(10)).iterator(), BatchConfig.builder(0).batchSize(4).build());
        List<Integer> sizes = new ArrayList<>();
        while (batcher.hasNext()) {
            TokenBatch batch = batcher.next();
            sizes.add(batch.size());
            ids.addAll(List.of(batch.ids()));
        }
        assertEquals(List.of(4, 4, 2), sizes);
        List<String> expected = new ArrayList<>();
        Examples.many(10).forEach(p -> expected.add(p.id()));
        assertEquals(expected, ids);
    }

    @Test
    void shufflingIsSeededAndLosesNothing() {
        List<TokenizedPair> pairs = tokenized(Examples.many(50));
        BatchConfig config = BatchConfig.builder(0).batchSize(8).shuffle(7).build();
        List<String> first = ids(new Batcher(pairs.iterator(), config));
        assertEquals(first, ids(new Batcher(pairs.iterator(), config)));
        assertNotEquals(first, ids(new Batcher(pairs.iterator(), config.toBuilder().shuffle(8).build())));
        TreeSet<String> all = new TreeSet<>();
        pairs.forEach(p -> all.add(p.id()));
        assertEquals(all, new TreeSet<>(first));
        assertEquals(50, first.size());
    }

    @Test
    void groupingPutsSimilarLengthsTogetherLongestFirst() {
        List<TokenizedPair> pairs = tokenized(Examples.many(64));
        Batcher batcher = new Batcher(pairs.iterator(), BatchConfig.builder(0).batchSize(8).groupByLength(true)
                .shuffle(3).build());
        List<int[]> ranges = new ArrayList<>();
        while (batcher.hasNext()) {
            TokenBatch batch = batcher.next();
            int[] lengths = new int[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                lengths[i] = pairs.get(batch.indices()[i]).tokens();
            }
            ranges.add(new int[] {Arrays.stream(lengths).min().getAsInt(), Arrays.stream(lengths).max().getAsInt()});
        }
        int longest = pairs.stream().mapToInt(TokenizedPair::tokens).max().getAsInt();
        assertEquals(longest, ranges.get(0)[1], "the longest batch comes first");
        for (int[] a : ranges) {
            for (int[] b : ranges) {
                assertTrue(a == b || a[1] <= b[0] || b[1] <= a[0], "batches are runs of the pairs sorted by length, got "
                        + Arrays.toString(a) + " and " + Arrays.toString(b));
            }
        }
    }

    @Test
    void dropLastDropsTheShortBatch() {
        Batcher batcher = new Batcher(tokenized(Examples.many(10)).iterator(),
                BatchConfig.builder(0).batchSize(4).dropLast(true).build());
        assertEquals(8, ids(batcher).size());
    }

    @Test
    void bufferingIsBoundedByTheWindow() {
        int[] pulled = new int[1];
        Iterator<TokenizedPair> source = tokenized(Examples.many(100)).iterator();
        Iterator<TokenizedPair> counting = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return source.hasNext();
            }

            @Override
            public TokenizedPair next() {
                pulled[0]++;
                return source.next();
            }
        };
        Batcher batcher = new Batcher(counting, BatchConfig.builder(0).batchSize(4).shuffle(1).bufferPairs(10).build());
        batcher.next();
        assertEquals(12, pulled[0], "the window is 10 pairs rounded up to whole batches of 4");
    }

    private static List<String> ids(Batcher batcher) {
        List<String> ids = new ArrayList<>();
        while (batcher.hasNext()) {
            ids.addAll(List.of(batcher.next().ids()));
        }
        return ids;
    }
}
