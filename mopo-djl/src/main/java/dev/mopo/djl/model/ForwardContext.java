package dev.mopo.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;

/**
 * What every layer of one forward pass shares: position ids, the rotary cos/sin tables, the
 * additive attention masks (one per distinct sliding window) and the KV cache.
 */
final class ForwardContext {

    private final NDArray positions;
    private final NDArray cos;
    private final NDArray sin;
    private final int rotaryDim;
    private final Map<Integer, NDArray> masks;
    private final KvCache cache;

    private ForwardContext(NDArray positions, NDArray cos, NDArray sin, int rotaryDim, Map<Integer, NDArray> masks,
            KvCache cache) {
        this.positions = positions;
        this.cos = cos;
        this.sin = sin;
        this.rotaryDim = rotaryDim;
        this.masks = masks;
        this.cache = cache;
    }

    /**
     * The context for {@code ids [B, T]}. {@code attentionMask [B, past + T]} (1 = attend, 0 =
     * padding) and {@code positions [B, T]} may be null: positions then default to
     * {@code past..past+T-1}, or for OPT to {@code cumsum(mask)·mask − 1}.
     */
    static ForwardContext create(ModelConfig config, NDArray ids, NDArray attentionMask, NDArray positions,
            KvCache cache, DataType computeType) {
        Shape shape = ids.getShape();
        if (shape.dimension() != 2) {
            throw new IllegalArgumentException("input ids must have shape [B, T], got " + shape);
        }
        long batch = shape.get(0);
        long steps = shape.get(1);
        int past = cache == null ? 0 : cache.length();
        long total = past + steps;
        NDManager manager = ids.getManager();
        Device device = ids.getDevice();
        if (attentionMask != null && !attentionMask.getShape().equals(new Shape(batch, total))) {
            throw new IllegalArgumentException("attention mask must have shape [" + batch + ", " + total
                    + "] (batch, cached + new positions), got " + attentionMask.getShape());
        }
        NDArray mask = attentionMask == null ? null : attentionMask.toType(DataType.INT64, false);
        NDArray pos = positions(config, manager, device, mask, positions, batch, steps, past);
        Map<Integer, NDArray> masks = new HashMap<>();
        for (int window : config.slidingWindows()) {
            masks.computeIfAbsent(window, w -> additiveMask(manager, device, mask, batch, steps, past, w));
        }
        return withRope(config, pos, total, masks, cache, computeType);
    }

    /**
     * The context for {@code ids [B, T]} laid out as {@code rows} ({@link SharedPrefixRows}): the
     * given positions, and masks by which a token sees the earlier tokens of the shared prefix and
     * of its own segment, never padding (no cache).
     */
    static ForwardContext create(ModelConfig config, NDArray ids, SharedPrefixRows rows, DataType computeType) {
        Shape shape = ids.getShape();
        if (!rows.positions().getShape().equals(shape)) {
            throw new IllegalArgumentException("shared-prefix rows must have the ids' shape " + shape + ", got "
                    + rows.positions().getShape());
        }
        NDArray pos = rows.positions().toType(DataType.INT64, false);
        NDArray segments = rows.segments().toType(DataType.INT64, false);
        Map<Integer, NDArray> masks = new HashMap<>();
        for (int window : config.slidingWindows()) {
            masks.computeIfAbsent(window, w -> segmentMask(pos, segments, w));
        }
        long longest = shape.get(1) == 0 ? 0 : pos.max().getLong() + 1;
        return withRope(config, pos, longest, masks, null, computeType);
    }

    private static ForwardContext withRope(ModelConfig config, NDArray pos, long total, Map<Integer, NDArray> masks,
            KvCache cache, DataType computeType) {
        if (config.rope() == null && total > config.maxPositions()) {
            throw new IllegalArgumentException(total + " positions exceed max_position_embeddings "
                    + config.maxPositions() + " of this " + config.modelType() + " model");
        }
        NDArray cos = null;
        NDArray sin = null;
        int rotaryDim = 0;
        if (config.rope() != null) {
            rotaryDim = config.rope().rotaryDim();
            NDArray inverse = pos.getManager().create(config.rope().inverseFrequencies()).toDevice(pos.getDevice(), false);
            NDArray angles = pos.toType(DataType.FLOAT32, false).expandDims(-1).mul(inverse).expandDims(1);
            cos = angles.cos().toType(computeType, false);
            sin = angles.sin().toType(computeType, false);
        }
        return new ForwardContext(pos, cos, sin, rotaryDim, masks, cache);
    }

    private static NDArray positions(ModelConfig config, NDManager manager, Device device, NDArray mask,
            NDArray given, long batch, long steps, int past) {
        if (given != null) {
            if (!given.getShape().equals(new Shape(batch, steps))) {
                throw new IllegalArgumentException("position ids must have shape [" + batch + ", " + steps + "], got "
                        + given.getShape());
            }
            return given.toType(DataType.INT64, false);
        }
        if (config.architecture().positionsFromMask() && mask != null) {
            return mask.cumSum(1).mul(mask).sub(1).get(new NDIndex(":, {}:", past));
        }
        return manager.arange(past, past + steps, 1, DataType.INT64, device).reshape(1, steps);
    }

    /**
     * {@code [B|1, 1, 1, T, S]}: 0 where query {@code i} may see key {@code j} — {@code j ≤ past + i},
     * the key is not padding, and within the window if any — and {@code finfo(float32).min} elsewhere.
     */
    private static NDArray additiveMask(NDManager manager, Device device, NDArray mask, long batch, long steps,
            int past, int window) {
        long total = past + steps;
        NDArray queries = manager.arange(past, (float) total, 1, DataType.INT64, device).reshape(steps, 1);
        NDArray keys = manager.arange(0, (float) total, 1, DataType.INT64, device).reshape(1, total);
        NDArray allowed = keys.lte(queries);
        if (window > 0) {
            allowed = allowed.logicalAnd(queries.sub(keys).lt(window));
        }
        allowed = allowed.expandDims(0);
        if (mask != null) {
            allowed = allowed.logicalAnd(mask.reshape(batch, 1, total).eq(1));
        }
        long rows = allowed.getShape().get(0);
        return allowed.toType(DataType.FLOAT32, false).sub(1).mul(Float.MAX_VALUE).reshape(rows, 1, 1, steps, total);
    }

    /**
     * {@code [B, 1, 1, T, T]}: 0 where query {@code i} may see key {@code j} — {@code j ≤ i}, the key
     * is not padding, in the shared prefix or the query's own segment, and within the window (by
     * position) if any — and {@code finfo(float32).min} elsewhere.
     */
    private static NDArray segmentMask(NDArray positions, NDArray segments, int window) {
        long batch = segments.getShape().get(0);
        long steps = segments.getShape().get(1);
        NDArray index = segments.getManager().arange(0, (float) steps, 1, DataType.INT64, segments.getDevice());
        NDArray querySegments = segments.reshape(batch, steps, 1);
        NDArray keySegments = segments.reshape(batch, 1, steps);
        NDArray allowed = index.reshape(1, 1, steps).lte(index.reshape(1, steps, 1))
                .logicalAnd(keySegments.gte(0))
                .logicalAnd(keySegments.eq(0).logicalOr(keySegments.eq(querySegments)));
        if (window > 0) {
            allowed = allowed.logicalAnd(positions.reshape(batch, steps, 1).sub(positions.reshape(batch, 1, steps))
                    .lt(window));
        }
        return allowed.toType(DataType.FLOAT32, false).sub(1).mul(Float.MAX_VALUE).reshape(batch, 1, 1, steps, steps);
    }

    /** Position ids, {@code [B|1, T]}. */
    NDArray positions() {
        return positions;
    }

    /** The additive mask for a layer with sliding window {@code window} (0 = none). */
    NDArray mask(int window) {
        return masks.get(window);
    }

    /** The cache, or null. */
    KvCache cache() {
        return cache;
    }

    /**
     * Rotates the first {@code rot} dims of every head vector of {@code x [B, heads, T, D]}
     * (rotate-half: pairs {@code i} and {@code i + rot/2}); the rest pass through. No-op without rope.
     */
    NDArray rotate(NDArray x) {
        if (cos == null) {
            return x;
        }
        int half = rotaryDim / 2;
        NDArray first = x.get(new NDIndex("..., :{}", half));
        NDArray second = x.get(new NDIndex("..., {}:{}", half, rotaryDim));
        NDList parts = new NDList(first.mul(cos).sub(second.mul(sin)), second.mul(cos).add(first.mul(sin)));
        if (rotaryDim < x.getShape().tail()) {
            parts.add(x.get(new NDIndex("..., {}:", rotaryDim)));
        }
        return NDArrays.concat(parts, -1);
    }
}
