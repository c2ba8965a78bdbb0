package dev.mopo.djl.train.reference;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.mopo.datasets.batch.TokenBatch;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.Precision;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The reference of spec §10's lagged scheme: the original reference until the first move, then the
 * policy of {@code t0} steps earlier, scored live. After a move every batch also carries the
 * original reference's log-probs as those of the data's policy {@code μ}, so that expectations
 * over the moved reference take the importance weights {@code π_ref/μ}.
 */
public final class MovingReference implements ReferenceSource, AutoCloseable {

    private final ReferenceSource original;
    private final Device device;
    private final Precision precision;
    private LiveReference moved;
    private Path folder;

    /** Starts at {@code original}; a move loads its model on {@code device} in {@code precision}. */
    public MovingReference(ReferenceSource original, Device device, Precision precision) {
        this.original = original;
        this.device = device;
        this.precision = precision;
    }

    /** Makes the checkpoint in {@code checkpoint} the reference. */
    public void moveTo(Path checkpoint) throws IOException {
        LiveReference next = new LiveReference(CausalLm.load(checkpoint, device, precision.dataType()));
        close();
        moved = next;
        folder = checkpoint;
    }

    /** The checkpoint the reference moved to, or null while it is the original. */
    public Path folder() {
        return folder;
    }

    @Override
    public ReferenceScores scores(TokenBatch batch, NDManager manager) {
        ReferenceScores data = original.scores(batch, manager);
        if (moved == null) {
            return data;
        }
        ReferenceScores lagged = moved.scores(batch, manager);
        return new ReferenceScores(lagged.sumA(), lagged.sumB(), data.tokensA(), data.tokensB(), data.sumA(), data.sumB());
    }

    /** Frees the moved reference's model, if any. */
    @Override
    public void close() {
        if (moved != null) {
            moved.close();
            moved = null;
        }
    }
}
