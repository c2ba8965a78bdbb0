package dev.mopo.datasets.read;

import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.preset.PairAssembler;
import dev.mopo.datasets.preset.PairSink;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.reject.BadRowException;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.RowSource;
import dev.mopo.datasets.source.RowSources;
import dev.mopo.datasets.source.SourceRow;
import dev.mopo.datasets.source.UndecodableTextException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The labelled pairs of one file or folder, read lazily: rows are pulled from the source only
 * as pairs are asked for, so memory stays flat however large the data. Every row that does not
 * become a pair is counted in {@link #stats()} with its reason (or, strictly, stops the read).
 *
 * <pre>{@code
 * try (PairReader pairs = PairReader.open(path, Presets.create("pku-safe-rlhf", Map.of(), path),
 *         ReadOptions.lenient())) {
 *     while (pairs.hasNext()) {
 *         PreferenceExample pair = pairs.next();
 *     }
 *     System.out.println(pairs.stats().rejected());
 * }
 * }</pre>
 */
public final class PairReader implements Iterator<PreferenceExample>, AutoCloseable {

    private final Preset preset;
    private final RowSource source;
    private final PairAssembler assembler;
    private final ReadOptions options;
    private final ReadStats stats;
    private final ArrayDeque<PreferenceExample> ready = new ArrayDeque<>();
    private final PairSink sink = new PairSink() {
        @Override
        public void keep(PreferenceExample example) {
            stats.pair();
            ready.add(example);
        }

        @Override
        public void reject(Rejection rejection) {
            PairReader.this.reject(rejection);
        }
    };
    private boolean first = true;
    private boolean finished;

    private PairReader(Preset preset, RowSource source, ReadOptions options) {
        this.preset = preset;
        this.source = source;
        this.assembler = preset.newAssembler();
        this.options = options;
        this.stats = new ReadStats(options.keptRejections());
    }

    /**
     * Opens a file or folder for a preset.
     *
     * @throws DatasetFileException when the file cannot be read as the preset asks
     */
    public static PairReader open(Path path, Preset preset, ReadOptions options) throws IOException {
        return new PairReader(preset, RowSources.open(path, preset.requiredColumns(), preset.columns()), options);
    }

    /** The preset the pairs are assembled by. */
    public Preset preset() {
        return preset;
    }

    /**
     * Where a later stage reports a pair of this reader that it refuses, such as
     * {@link dev.mopo.datasets.batch.PairTokenizer} for text it cannot encode: the rejection is
     * treated as the reader's own (counted in {@link #stats()} under its reason, the pair taken
     * off {@link ReadStats#pairs()}, told to the listener, or thrown as a {@link BadRowException}
     * in strict mode).
     */
    public Consumer<Rejection> rejections() {
        return rejection -> {
            reject(rejection);
            stats.unkeep();
        };
    }

    /** Rows, pairs and rejections so far; complete once {@link #hasNext()} has returned false. */
    public ReadStats stats() {
        return stats;
    }

    /**
     * @throws BadRowException in strict mode, at the first bad row
     * @throws DatasetFileException when the data turns out not to be the preset's
     * @throws UncheckedIOException when reading fails
     */
    @Override
    public boolean hasNext() {
        try {
            fill();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return !ready.isEmpty();
    }

    @Override
    public PreferenceExample next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more pairs");
        }
        return ready.poll();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    private void fill() throws IOException {
        while (ready.isEmpty() && !finished) {
            SourceRow row = source.next();
            if (row == null) {
                assembler.finish(sink);
                finished = true;
                return;
            }
            stats.row();
            if (!row.ok()) {
                reject(new Rejection(row.file(), row.row(), row.failure(), row.detail()));
                continue;
            }
            if (first) {
                first = false;
                Optional<String> refusal = preset.refuse(row.record());
                if (refusal.isPresent()) {
                    throw new DatasetFileException(row.file(), DatasetFileException.NOT_PREFERENCE_DATA,
                            refusal.get());
                }
            }
            Rejection bad = FieldChecks.check(row, preset.requiredColumns());
            if (bad != null) {
                reject(bad);
                continue;
            }
            try {
                assembler.accept(row, sink);
            } catch (UndecodableTextException e) {
                reject(new Rejection(row.file(), row.row(), RejectReason.INVALID_UTF8, e.getMessage()));
            }
        }
    }

    private void reject(Rejection rejection) {
        if (options.strict()) {
            throw new BadRowException(rejection);
        }
        stats.rejected(rejection);
        options.listener().accept(rejection);
    }
}
