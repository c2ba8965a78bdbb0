package dev.mopo.djl.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Picks the next token from one row of logits, in Java so that a seed fixes the draw whatever
 * the device: argmax (first maximum) when greedy, otherwise a draw from
 * {@code softmax(logits / temperature)} restricted to the top-k tokens and then to the top-p
 * nucleus of those (transformers' order).
 */
final class TokenSampler {

    private final GenerationConfig config;
    private final SplittableRandom random;

    TokenSampler(GenerationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
    }

    int next(float[] logits) {
        return config.isGreedy() ? argmax(logits) : sample(logits);
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }

    private int sample(float[] logits) {
        double max = logits[argmax(logits)];
        double[] probabilities = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp((logits[i] - max) / config.temperature());
            total += probabilities[i];
        }
        Integer[] order = IntStream.range(0, logits.length).boxed().toArray(Integer[]::new);
        double[] p = probabilities;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]).thenComparingInt(i -> i));
        int candidates = config.topK() > 0 ? Math.min(config.topK(), order.length) : order.length;
        if (candidates < order.length) {
            total = 0;
            for (int k = 0; k < candidates; k++) {
                total += probabilities[order[k]];
            }
        }
        int kept = 0;
        double mass = 0;
        while (kept < candidates && (kept == 0 || mass < config.topP() * total)) {
            mass += probabilities[order[kept]];
            kept++;
        }
        double draw = random.nextDouble() * mass;
        for (int k = 0; k < kept; k++) {
            draw -= probabilities[order[k]];
            if (draw < 0) {
                return order[k];
            }
        }
        return order[kept - 1];
    }
}
