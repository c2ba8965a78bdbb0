package dev.mopo.djl.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.model.KvCache;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Batched autoregressive generation with a KV cache. Prompts are left-padded to a common
 * length (pad positions masked out, position ids {@code cumsum(mask) − 1} as transformers'
 * {@code generate} does), run through the model once, then one token per step is fed until every
 * sequence has produced an eos token or the budget is spent.
 */
public final class Generator {

    private final CausalLm model;

    /** A generator for {@code model}. */
    public Generator(CausalLm model) {
        this.model = model;
    }

    /**
     * The continuations of {@code prompts} (each non-empty), without the prompt; a continuation
     * ends with the eos token that stopped it, if any.
     */
    public List<long[]> generate(List<long[]> prompts, GenerationConfig config) {
        int batch = prompts.size();
        int longest = 0;
        for (int b = 0; b < batch; b++) {
            if (prompts.get(b).length == 0) {
                throw new IllegalArgumentException("prompt " + b + " is empty");
            }
            longest = Math.max(longest, prompts.get(b).length);
        }
        List<List<Long>> outputs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            outputs.add(new ArrayList<>());
        }
        if (batch == 0 || config.maxNewTokens() == 0) {
            return toArrays(outputs);
        }
        Set<Long> eos = new HashSet<>(config.eosTokenIds());
        TokenSampler sampler = new TokenSampler(config);
        long[] ids = new long[batch * longest];
        long[] mask = new long[batch * longest];
        long[] positions = new long[batch * longest];
        long[] nextPosition = new long[batch];
        for (int b = 0; b < batch; b++) {
            long[] prompt = prompts.get(b);
            int offset = longest - prompt.length;
            for (int t = 0; t < longest; t++) {
                boolean real = t >= offset;
                ids[b * longest + t] = real ? prompt[t - offset] : config.padTokenId();
                mask[b * longest + t] = real ? 1 : 0;
                positions[b * longest + t] = real ? t - offset : 0;
            }
            nextPosition[b] = prompt.length;
        }
        boolean[] finished = new boolean[batch];
        try (NDManager manager = NDManager.newBaseManager(model.device());
                KvCache cache = model.newCache(longest + config.maxNewTokens())) {
            NDArray attention = manager.create(mask, new Shape(batch, longest));
            float[][] last = lastLogits(manager, cache, ids, attention, positions, batch, longest);
            for (int step = 0; step < config.maxNewTokens(); step++) {
                long[] next = new long[batch];
                for (int b = 0; b < batch; b++) {
                    next[b] = finished[b] ? config.padTokenId() : sampler.next(last[b]);
                    if (!finished[b]) {
                        outputs.get(b).add(next[b]);
                        finished[b] = eos.contains(next[b]);
                    }
                }
                if (allTrue(finished) || step == config.maxNewTokens() - 1) {
                    break;
                }
                attention = attention.concat(manager.ones(new Shape(batch, 1), attention.getDataType()), 1);
                long[] stepPositions = nextPosition.clone();
                for (int b = 0; b < batch; b++) {
                    nextPosition[b]++;
                }
                last = lastLogits(manager, cache, next, attention, stepPositions, batch, 1);
            }
        }
        return toArrays(outputs);
    }

    private float[][] lastLogits(NDManager manager, KvCache cache, long[] ids, NDArray attention, long[] positions,
            int batch, int steps) {
        try (NDManager step = manager.newSubManager()) {
            NDArray logits = model.block().forward(model.parameterStore(), step.create(ids, new Shape(batch, steps)),
                    attention, step.create(positions, new Shape(batch, steps)), cache, false);
            float[] flat = logits.get(new NDIndex(":, -1, :")).toType(DataType.FLOAT32, false).toFloatArray();
            int vocab = flat.length / batch;
            float[][] rows = new float[batch][vocab];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(flat, b * vocab, rows[b], 0, vocab);
            }
            return rows;
        }
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean value : values) {
            if (!value) {
                return false;
            }
        }
        return true;
    }

    private static List<long[]> toArrays(List<List<Long>> outputs) {
        List<long[]> arrays = new ArrayList<>();
        for (List<Long> output : outputs) {
            arrays.add(output.stream().mapToLong(Long::longValue).toArray());
        }
        return arrays;
    }
}
