package dev.mopo.djl.train.data;

import dev.mopo.datasets.read.ReadStats;

/**
 * What one pass over a corpus found: the pairs of each split, a digest of each split's token ids
 * (the key of cached reference log-probs), and what the reader kept and rejected.
 *
 * @param trainPairs pairs in the training split
 * @param evalPairs pairs in the held-out split
 * @param trainDigest the training split's {@link PairDigest}
 * @param evalDigest the held-out split's {@link PairDigest}
 * @param labelledTrainPairs per run objective (primary first), the training pairs it labels (outcome not a tie)
 * @param stats rows read, pairs kept, rejections by reason
 */
public record CorpusSurvey(int trainPairs, int evalPairs, String trainDigest, String evalDigest,
        long[] labelledTrainPairs, ReadStats stats) {

    /** The pairs in {@code split}. */
    public int pairs(Split split) {
        return split == Split.TRAIN ? trainPairs : evalPairs;
    }

    /** The digest of {@code split}. */
    public String digest(Split split) {
        return split == Split.TRAIN ? trainDigest : evalDigest;
    }
}
