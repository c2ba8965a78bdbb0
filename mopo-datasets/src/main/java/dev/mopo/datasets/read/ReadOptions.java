package dev.mopo.datasets.read;

import dev.mopo.datasets.reject.Rejection;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link PairReader} treats bad rows.
 *
 * @param strict stop at the first bad row with a {@link dev.mopo.datasets.reject.BadRowException}
 *     instead of skipping and counting it
 * @param listener told about every rejected row, in the order they are found
 * @param keptRejections how many rejections {@link ReadStats#examples()} keeps for reports
 */
public record ReadOptions(boolean strict, Consumer<Rejection> listener, int keptRejections) {

    /** Checks the options. */
    public ReadOptions {
        Objects.requireNonNull(listener, "listener");
        if (keptRejections < 0) {
            throw new IllegalArgumentException("keptRejections must be >= 0, got " + keptRejections);
        }
    }

    /** Skip and count bad rows, keeping the first 20 for reports. */
    public static ReadOptions lenient() {
        return new ReadOptions(false, rejection -> { }, 20);
    }

    /** Stop at the first bad row. */
    public static ReadOptions strictly() {
        return new ReadOptions(true, rejection -> { }, 20);
    }

    /** The same options with a listener for every rejected row. */
    public ReadOptions withListener(Consumer<Rejection> onRejection) {
        return new ReadOptions(strict, onRejection, keptRejections);
    }
}
