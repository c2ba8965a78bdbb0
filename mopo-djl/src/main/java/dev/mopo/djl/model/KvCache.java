package dev.mopo.djl.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.mopo.core.Checks;

/**
 * Keys and values of the positions already processed, per layer, so generation feeds one new
 * token per step instead of the whole sequence. Each layer's buffers {@code [B, KV, capacity, D]}
 * are allocated once, at the first step, and filled in place; attention reads the filled prefix.
 * For inference only (the in-place writes are not differentiable).
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final int capacity;
    private final NDArray[] keys;
    private final NDArray[] values;
    private int length;

    /** An empty cache for {@code layers} layers and up to {@code capacity} positions, on {@code device}. */
    public KvCache(NDManager parent, Device device, int layers, int capacity) {
        Checks.atLeastOne("KV cache capacity", capacity);
        this.manager = parent.newSubManager(device);
        this.capacity = capacity;
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Positions cached so far (the past length of the next step). */
    public int length() {
        return length;
    }

    /** The most positions the cache can hold. */
    public int capacity() {
        return capacity;
    }

    /**
     * Stores a step's keys and values {@code [B, KV, T, D]} for {@code layer} after the cached
     * ones and returns all of them, {@code [B, KV, length + T, D]}.
     */
    NDList append(int layer, NDArray key, NDArray value) {
        Shape shape = key.getShape();
        long steps = shape.get(2);
        if (length + steps > capacity) {
            throw new IllegalStateException("KV cache holds " + capacity + " positions; " + length + " cached + "
                    + steps + " new exceed it");
        }
        if (keys[layer] == null) {
            Shape full = new Shape(shape.get(0), shape.get(1), capacity, shape.get(3));
            keys[layer] = manager.zeros(full, key.getDataType());
            values[layer] = manager.zeros(full, value.getDataType());
            NDScope.unregister(keys[layer], values[layer]);
        }
        NDIndex slots = new NDIndex(":, :, {}:{}", length, length + steps);
        keys[layer].set(slots, key);
        values[layer].set(slots, value);
        NDIndex filled = new NDIndex(":, :, :{}", length + steps);
        return new NDList(keys[layer].get(filled), values[layer].get(filled));
    }

    /** Marks {@code steps} more positions as cached, once every layer has appended them. */
    void advance(long steps) {
        length += (int) steps;
    }

    /** Frees the buffers. */
    @Override
    public void close() {
        manager.close();
    }
}
