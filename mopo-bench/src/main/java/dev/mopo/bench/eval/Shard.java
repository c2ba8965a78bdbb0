package dev.mopo.bench.eval;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /**
     * The shard {@code text} names: {@code I/N}, {@code I} from 0 to {@code N - 1}.
     *
     * @throws IllegalArgumentException one line naming the expected form
     */
    public static Shard parse(String text) {
        Matcher matcher = Pattern.compile("(\\d{1,9})/(\\d{1,9})").matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("shard '" + text + "': write it I/N, shard I (from 0) of N, e.g. 0/4");
        }
        return new Shard(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
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
