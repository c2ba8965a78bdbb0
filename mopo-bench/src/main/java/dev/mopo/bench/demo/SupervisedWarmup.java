package dev.mopo.bench.demo;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.djl.checkpoint.SafetensorsDtype;
import dev.mopo.djl.logprob.LogProbs;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.optim.AdamW;
import dev.mopo.djl.train.optim.Gradients;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Brief supervised fine-tuning, so that the demo's reference model speaks the task's language
 * before preference training: maximise the log-likelihood of answers drawn from {@code μ} given
 * their prompts (prompt tokens masked; the loss is the mean over answer tokens, so long answers
 * weigh as much per token as short ones), with AdamW.
 */
final class SupervisedWarmup {

    private SupervisedWarmup() {}

    /**
     * Trains the model in {@code from} for {@code steps} steps of {@code batch} examples and saves it
     * (with the tokenizer files) to {@code to}; {@code progress} hears each step.
     */
    static void run(Path from, Path to, int steps, int batch, double learningRate, long seed, IntConsumer progress)
            throws IOException {
        Random random = new Random(seed);
        try (HfTokenizer tokenizer = HfTokenizer.load(from);
                CausalLm model = CausalLm.load(from, Device.cpu(), DataType.FLOAT32)) {
            Map<String, NDArray> parameters = new LinkedHashMap<>();
            for (Pair<String, Parameter> entry : model.block().getParameters()) {
                NDArray weight = entry.getValue().getArray();
                weight.setRequiresGradient(true);
                parameters.put(entry.getValue().getName(), weight);
            }
            AdamW optimizer = new AdamW(0.0);
            long eos = tokenizer.specialTokens().eos().orElseThrow().id();
            for (int step = 1; step <= steps; step++) {
                Map<String, NDArray> gradients = new LinkedHashMap<>();
                try (NDScope scope = new NDScope(); NDManager manager = NDManager.newBaseManager()) {
                    scope.suppressNotUsedWarning();
                    Examples examples = Examples.sample(tokenizer, eos, batch, random);
                    NDArray ids = manager.create(examples.ids, new Shape(batch, examples.length));
                    NDArray mask = manager.create(examples.attention, new Shape(batch, examples.length));
                    NDArray answer = manager.create(examples.answer, new Shape(batch, examples.length));
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        var scored = LogProbs.score(model.block(), model.parameterStore(), ids, mask, answer, true);
                        collector.backward(scored.sum().sum().div(scored.count().sum()).neg());
                    }
                    parameters.forEach((name, weight) -> gradients.put(name, weight.getGradient()));
                    double decay = 0.5 * (1 + Math.cos(Math.PI * step / steps));
                    optimizer.step(parameters, gradients, learningRate * decay);
                    Gradients.clear(parameters);
                }
                progress.accept(step);
            }
            model.save(to, SafetensorsDtype.F32);
        }
    }

    /** A right-padded batch of prompt + answer + EOS sequences, with the answer tokens marked. */
    private static final class Examples {
        long[] ids;
        int[] attention;
        int[] answer;
        int length;

        static Examples sample(HfTokenizer tokenizer, long eos, int batch, Random random) {
            long[][] prompts = new long[batch][];
            long[][] answers = new long[batch][];
            int length = 0;
            for (int i = 0; i < batch; i++) {
                Question question = ArithmeticTask.question(random);
                prompts[i] = tokenizer.encode(question.prompt(), false);
                answers[i] = append(tokenizer.encode(ArithmeticTask.answer(question, random), false), eos);
                length = Math.max(length, prompts[i].length + answers[i].length);
            }
            Examples examples = new Examples();
            examples.length = length;
            examples.ids = new long[batch * length];
            examples.attention = new int[batch * length];
            examples.answer = new int[batch * length];
            for (int i = 0; i < batch; i++) {
                int t = i * length;
                for (long id : prompts[i]) {
                    examples.ids[t] = id;
                    examples.attention[t++] = 1;
                }
                for (long id : answers[i]) {
                    examples.ids[t] = id;
                    examples.attention[t] = 1;
                    examples.answer[t++] = 1;
                }
            }
            return examples;
        }

        private static long[] append(long[] ids, long last) {
            long[] out = java.util.Arrays.copyOf(ids, ids.length + 1);
            out[ids.length] = last;
            return out;
        }
    }
}
