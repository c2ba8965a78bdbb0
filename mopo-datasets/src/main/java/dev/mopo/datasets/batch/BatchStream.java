package dev.mopo.datasets.batch;

import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.read.ReadStats;
import dev.mopo.datasets.template.ChatTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * The whole way from a file to batches, streaming: read and label pairs with a preset, keep one
 * side of a train/eval split, render and tokenise ({@link PairTokenizer}), truncate, pad, group
 * and shuffle. Pairs the tokenisation refuses are reported as the reader's rejections
 * ({@link PairReader#rejections()}): counted in {@link #stats()}, or thrown in strict mode.
 *
 * <pre>{@code
 * try (BatchStream batches = BatchStream.open(path, preset, ReadOptions.lenient(),
 *         split::train, template, tokenizer.encoder(), config)) {
 *     while (batches.hasNext()) {
 *         TokenBatch batch = batches.next();
 *     }
 * }
 * }</pre>
 */
public final class BatchStream implements Iterator<TokenBatch>, AutoCloseable {

    /** Which pairs of the stream to keep (for example {@link TrainEvalSplit#train}). */
    @FunctionalInterface
    public interface Selection {
        /** The kept pairs of a stream. */
        Iterator<PreferenceExample> select(Iterator<PreferenceExample> examples);
    }

    private final PairReader reader;
    private final Batcher batches;

    private BatchStream(PairReader reader, Batcher batches) {
        this.reader = reader;
        this.batches = batches;
    }

    /** Opens a file or folder and prepares its batches; nothing is read until asked for. */
    public static BatchStream open(Path path, Preset preset, ReadOptions options, Selection selection,
            ChatTemplate template, TokenEncoder encoder, BatchConfig config) throws IOException {
        PairReader reader = PairReader.open(path, preset, options);
        Iterator<TokenizedPair> tokenized = new PairTokenizer(template, encoder, config.limits(), reader.rejections())
                .tokenize(selection.select(reader));
        return new BatchStream(reader, new Batcher(tokenized, config));
    }

    /** Every pair of the stream (no split). */
    public static Selection all() {
        return examples -> examples;
    }

    /** Rows, pairs and rejections read so far. */
    public ReadStats stats() {
        return reader.stats();
    }

    @Override
    public boolean hasNext() {
        return batches.hasNext();
    }

    @Override
    public TokenBatch next() {
        return batches.next();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
