package dev.mopo.bench.eval;

/**
 * A share of an evaluation's work that runs by itself: generation batches are numbered over the
 * (prompt, sample) pairs in order, and shard {@code index} of {@code count} takes the batches whose
 * number is {@code index} modulo {@code count}, for every policy. A batch's draws depend only on
 * its number and the seed, so the responses are the same however the work is sharded.
 *
 * @param index the shard, from 0
 * @param count the number of shards, at least 1
 */
public record Shard(int index, int count) {

    /** All of the work. */
    public static final Shard WHOLE = new Shard(0, 1);

    /** Checks {@code 0 <= index < count}. */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + " of " + count + ": need 0 <= index < count");
        }
    }

    /** Whether generation batch {@code batch} belongs to this shard. */
    public boolean contains(int batch) {
        return batch % count == index;
    }

    /** {@code INDEX-of-COUNT}, as task ids and folder names write it. */
    @Override
    public String toString() {
        return index + "-of-" + count;
    }
}
