package dev.mopo.datasets.batch;

import dev.mopo.core.Checks;
import java.util.Objects;

/**
 * How pairs become batches: sizes, truncation, padding, length grouping and shuffling.
 *
 * <p>Shuffling and length grouping work inside a window of {@link #bufferPairs()} pairs (rounded
 * up to whole batches) so that memory stays bounded on any corpus size: the window is shuffled
 * with the seed, then (when grouping) sorted by length and cut into batches whose order is
 * shuffled again. Set the buffer to at least the corpus size for a full shuffle.
 */
public final class BatchConfig {

    private final int batchSize;
    private final TokenLimits limits;
    private final PaddingSide paddingSide;
    private final int padId;
    private final boolean groupByLength;
    private final boolean shuffle;
    private final long seed;
    private final int bufferPairs;
    private final boolean dropLast;

    private BatchConfig(Builder b) {
        this.batchSize = Checks.atLeastOne("batch_size", b.batchSize);
        this.limits = new TokenLimits(b.maxLength, b.maxPromptLength);
        this.paddingSide = Objects.requireNonNull(b.paddingSide, "padding_side");
        if (b.padId < 0) {
            throw new IllegalArgumentException("pad_id must be a token id >= 0, got " + b.padId);
        }
        this.padId = b.padId;
        this.groupByLength = b.groupByLength;
        this.shuffle = b.shuffle;
        this.seed = b.seed;
        this.bufferPairs = Checks.atLeastOne("buffer_pairs", b.bufferPairs);
        this.dropLast = b.dropLast;
    }

    /** A builder; the pad id is the one setting without a default. */
    public static Builder builder(int padId) {
        return new Builder(padId);
    }

    /** Pairs per batch. */
    public int batchSize() {
        return batchSize;
    }

    /** How long a pair may be. */
    public TokenLimits limits() {
        return limits;
    }

    /** The most tokens of prompt plus response in one row. */
    public int maxLength() {
        return limits.maxLength();
    }

    /** The most prompt tokens kept when a row is too long. */
    public int maxPromptLength() {
        return limits.maxPromptLength();
    }

    /** Where padding goes. */
    public PaddingSide paddingSide() {
        return paddingSide;
    }

    /** The padding token id. */
    public int padId() {
        return padId;
    }

    /** Whether batches gather pairs of similar length. */
    public boolean groupByLength() {
        return groupByLength;
    }

    /** Whether pairs (and batches) are shuffled. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The shuffling seed. */
    public long seed() {
        return seed;
    }

    /** The window of pairs held for shuffling and grouping. */
    public int bufferPairs() {
        return bufferPairs;
    }

    /** Whether a last, smaller batch is dropped. */
    public boolean dropLast() {
        return dropLast;
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder(padId);
        b.batchSize = batchSize;
        b.limits(limits);
        b.paddingSide = paddingSide;
        b.groupByLength = groupByLength;
        b.shuffle = shuffle;
        b.seed = seed;
        b.bufferPairs = bufferPairs;
        b.dropLast = dropLast;
        return b;
    }

    /** Builds a {@link BatchConfig}; defaults follow TRL's DPO defaults where it has them. */
    public static final class Builder {
        private int batchSize = 8;
        private int maxLength = TokenLimits.DEFAULT.maxLength();
        private int maxPromptLength = TokenLimits.DEFAULT.maxPromptLength();
        private PaddingSide paddingSide = PaddingSide.RIGHT;
        private final int padId;
        private boolean groupByLength;
        private boolean shuffle;
        private long seed;
        private int bufferPairs = 8192;
        private boolean dropLast;

        private Builder(int padId) {
            this.padId = padId;
        }

        /** Pairs per batch (default 8). */
        public Builder batchSize(int pairs) {
            this.batchSize = pairs;
            return this;
        }

        /** The most tokens of prompt plus response per row (default 1024). */
        public Builder maxLength(int tokens) {
            this.maxLength = tokens;
            return this;
        }

        /** The most prompt tokens kept when a row is too long (default 512). */
        public Builder maxPromptLength(int tokens) {
            this.maxPromptLength = tokens;
            return this;
        }

        /** Both length limits at once. */
        public Builder limits(TokenLimits limits) {
            this.maxLength = limits.maxLength();
            this.maxPromptLength = limits.maxPromptLength();
            return this;
        }

        /** Where padding goes (default right). */
        public Builder paddingSide(PaddingSide side) {
            this.paddingSide = side;
            return this;
        }

        /** Gather pairs of similar length into batches (default off). */
        public Builder groupByLength(boolean group) {
            this.groupByLength = group;
            return this;
        }

        /** Shuffle with a seed (default off). */
        public Builder shuffle(long withSeed) {
            this.shuffle = true;
            this.seed = withSeed;
            return this;
        }

        /** The window of pairs held for shuffling and grouping (default 8192). */
        public Builder bufferPairs(int pairs) {
            this.bufferPairs = pairs;
            return this;
        }

        /** Drop a last, smaller batch (default keep it). */
        public Builder dropLast(boolean drop) {
            this.dropLast = drop;
            return this;
        }

        /** The configuration. */
        public BatchConfig build() {
            return new BatchConfig(this);
        }
    }
}
