package dev.mopo.datasets.batch;

import dev.mopo.core.Checks;
import dev.mopo.datasets.example.PreferenceExample;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * A train/eval split decided per pair by a seeded hash of its content id, so it needs no pass
 * over the data, holds nothing in memory, and puts a pair on the same side whatever the file
 * format, row order or shard layout.
 */
public final class TrainEvalSplit {

    private final double evalFraction;
    private final long seed;

    /**
     * @param evalFraction the expected share of pairs in the eval split, in [0, 1)
     * @param seed different seeds give independent splits
     */
    public TrainEvalSplit(double evalFraction, long seed) {
        this.evalFraction = Checks.halfOpenUnit("eval_fraction", evalFraction);
        this.seed = seed;
    }

    /** Whether a pair belongs to the eval split. */
    public boolean isEval(PreferenceExample example) {
        return isEval(example.id());
    }

    /** Whether the pair with this {@link PreferenceExample#id()} belongs to the eval split. */
    public boolean isEval(String pairId) {
        long h = Long.parseUnsignedLong(pairId, 16) ^ (seed * 0x9E3779B97F4A7C15L);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53 < evalFraction;
    }

    /** The training pairs of a stream. */
    public Iterator<PreferenceExample> train(Iterator<PreferenceExample> examples) {
        return filter(examples, example -> !isEval(example));
    }

    /** The eval pairs of a stream. */
    public Iterator<PreferenceExample> eval(Iterator<PreferenceExample> examples) {
        return filter(examples, this::isEval);
    }

    private static Iterator<PreferenceExample> filter(Iterator<PreferenceExample> examples,
            Predicate<PreferenceExample> keep) {
        return new Iterator<>() {
            private PreferenceExample next;

            @Override
            public boolean hasNext() {
                while (next == null && examples.hasNext()) {
                    PreferenceExample candidate = examples.next();
                    if (keep.test(candidate)) {
                        next = candidate;
                    }
                }
                return next != null;
            }

            @Override
            public PreferenceExample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more pairs");
                }
                PreferenceExample out = next;
                next = null;
                return out;
            }
        };
    }
}
