package dev.mopo.bench.trainspeed;

import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.train.data.Split;
import dev.mopo.djl.train.data.TrainingData;
import java.io.IOException;

/**
 * The tokens of a run's training pairs, tallied three ways.
 *
 * @param counted non-padding tokens of both rows of every pair (each prompt twice): what both
 *     trainers count as tokens and a reference pass scores
 * @param distinct each prompt once plus both responses
 * @param responses the response tokens (EOS included)
 */
record CorpusTokens(long counted, long distinct, long responses) {

    /** The tally of {@code data}'s training split, in one pass. */
    static CorpusTokens of(TrainingData data) throws IOException {
        long counted = 0;
        long responses = 0;
        try (BatchStream batches = data.inOrder(Split.TRAIN)) {
            while (batches.hasNext()) {
                TokenBatch batch = batches.next();
                counted += batch.tokenCount();
                for (int sequence : batch.responseTokens()) {
                    responses += sequence;
                }
            }
        }
        long promptsTwice = counted - responses;
        return new CorpusTokens(counted, counted - promptsTwice / 2, responses);
    }
}
