package dev.mopo.djl.train.data;

import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.TokenBatch;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where training stands in its data: the epoch and the next micro-batch within it. Hands out
 * micro-batches one after another, moving to the next epoch (a new shuffle) when one ends. A
 * resumed run {@linkplain #seek seeks} to the saved position, which re-reads the epoch up to it:
 * the same order, so the same batches.
 */
public final class DataCursor implements AutoCloseable {

    private final TrainingData data;
    private final int batchesPerEpoch;
    private int epoch;
    private int nextBatch;
    private BatchStream stream;

    /** A cursor at the start of the first epoch. */
    public DataCursor(TrainingData data) {
        this.data = data;
        int pairs = data.survey().trainPairs();
        int batchSize = data.batching().batchSize();
        this.batchesPerEpoch = (pairs + batchSize - 1) / batchSize;
    }

    /** Micro-batches in one epoch (the last may hold fewer pairs). */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The epoch the next micro-batch belongs to. */
    public int epoch() {
        return epoch;
    }

    /** The index, within its epoch, of the next micro-batch. */
    public int nextBatch() {
        return nextBatch;
    }

    /** Epochs completed, fractionally: {@code epoch + nextBatch / batchesPerEpoch}. */
    public double progress() {
        return epoch + (double) nextBatch / batchesPerEpoch;
    }

    /** Moves to a saved position; the next micro-batch is batch {@code nextBatch} of epoch {@code epoch}. */
    public void seek(int epoch, int nextBatch) {
        closeStream();
        this.epoch = epoch;
        this.nextBatch = nextBatch;
    }

    /** The next micro-batch. */
    public TokenBatch next() {
        if (nextBatch >= batchesPerEpoch) {
            closeStream();
            epoch++;
            nextBatch = 0;
        }
        try {
            if (stream == null) {
                stream = data.epoch(epoch);
                for (int skipped = 0; skipped < nextBatch; skipped++) {
                    take();
                }
            }
            TokenBatch batch = take();
            nextBatch++;
            return batch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + data.path() + ": " + e.getMessage(), e);
        }
    }

    private TokenBatch take() {
        if (!stream.hasNext()) {
            throw new IllegalStateException(data.path() + " holds fewer training pairs than when the run started ("
                    + data.survey().trainPairs() + "); was it changed during training?");
        }
        return stream.next();
    }

    private void closeStream() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            stream = null;
        }
    }

    @Override
    public void close() {
        closeStream();
    }
}
