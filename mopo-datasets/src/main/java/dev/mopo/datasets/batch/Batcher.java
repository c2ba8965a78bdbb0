package dev.mopo.datasets.batch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Cuts a stream of tokenised pairs into {@link TokenBatch}es. Without shuffling or grouping,
 * batches follow the stream. Otherwise a window of {@link BatchConfig#bufferPairs()} pairs
 * (rounded up to whole batches) is read, shuffled with the seed, sorted by length when grouping
 * (by {@link TokenizedPair#tokens()}, the row a pair is scored in; longest first, so the largest batch comes early and memory errors show at once, then the
 * batch order is shuffled again), and emitted; memory is bounded by the window.
 */
public final class Batcher implements Iterator<TokenBatch> {

    private final Iterator<TokenizedPair> pairs;
    private final BatchConfig config;
    private final Random random;
    private final int window;
    private final ArrayDeque<List<TokenizedPair>> ready = new ArrayDeque<>();

    /** Batches of the given pairs. */
    public Batcher(Iterator<TokenizedPair> pairs, BatchConfig config) {
        this.pairs = pairs;
        this.config = config;
        this.random = new Random(config.seed());
        boolean buffered = config.shuffle() || config.groupByLength();
        int batches = buffered ? Math.max(1, (config.bufferPairs() + config.batchSize() - 1) / config.batchSize()) : 1;
        this.window = batches * config.batchSize();
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty()) {
            fill();
        }
        return !ready.isEmpty();
    }

    @Override
    public TokenBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more batches");
        }
        return TokenBatch.of(ready.poll(), config);
    }

    private void fill() {
        List<TokenizedPair> buffer = new ArrayList<>(Math.min(window, 1 << 16));
        while (buffer.size() < window && pairs.hasNext()) {
            buffer.add(pairs.next());
        }
        if (buffer.isEmpty()) {
            return;
        }
        if (config.shuffle()) {
            Collections.shuffle(buffer, random);
        }
        if (config.groupByLength()) {
            buffer.sort(Comparator.comparingInt(TokenizedPair::tokens).reversed());
        }
        List<List<TokenizedPair>> batches = new ArrayList<>();
        for (int start = 0; start < buffer.size(); start += config.batchSize()) {
            List<TokenizedPair> batch = buffer.subList(start, Math.min(buffer.size(), start + config.batchSize()));
            if (batch.size() == config.batchSize() || !config.dropLast()) {
                batches.add(batch);
            }
        }
        if (config.groupByLength() && config.shuffle() && batches.size() > 1) {
            Collections.shuffle(batches.subList(1, batches.size()), random);
        }
        ready.addAll(batches);
    }
}
