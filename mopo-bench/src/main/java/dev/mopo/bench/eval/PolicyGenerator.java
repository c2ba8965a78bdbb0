package dev.mopo.bench.eval;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.mopo.datasets.batch.PairTokenizer;
import dev.mopo.datasets.batch.TokenLimits;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.template.TemplateChoice;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.djl.generate.GenerationConfig;
import dev.mopo.djl.generate.GenerationDefaults;
import dev.mopo.djl.generate.Generator;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One policy's responses: prompts encoded exactly as training encodes them
 * ({@link PairTokenizer#promptIds}, with the same chat template choice), cut to their last
 * {@code max_prompt_length} tokens, continued in one batch with the KV cache ({@link Generator}) and
 * decoded without special tokens.
 */
final class PolicyGenerator implements AutoCloseable {

    private final HfTokenizer tokenizer;
    private final CausalLm model;
    private final PairTokenizer prompts;
    private final GenerationDefaults defaults;
    private final Sampling sampling;
    private final int maxPromptLength;

    private PolicyGenerator(HfTokenizer tokenizer, CausalLm model, PairTokenizer prompts, GenerationDefaults defaults,
            Sampling sampling, int maxPromptLength) {
        this.tokenizer = tokenizer;
        this.model = model;
        this.prompts = prompts;
        this.defaults = defaults;
        this.sampling = sampling;
        this.maxPromptLength = maxPromptLength;
    }

    /** Loads {@code policy} on {@code device}, rendering prompts as {@code settings} say ({@code textTemplate} for auto). */
    static PolicyGenerator open(PolicySpec policy, EvalSettings settings, TemplateChoice textTemplate, Device device)
            throws IOException {
        HfTokenizer tokenizer = HfTokenizer.load(policy.folder());
        try {
            PairTokenizer prompts = new PairTokenizer(ChatTemplates.named(settings.chatTemplate(), policy.folder(),
                    textTemplate), tokenizer.encoder(), TokenLimits.DEFAULT, rejection -> { });
            CausalLm model = CausalLm.load(policy.folder(), device, DataType.FLOAT32);
            try {
                GenerationDefaults defaults = GenerationDefaults.read(policy.folder(), model.config().specialTokens());
                return new PolicyGenerator(tokenizer, model, prompts, defaults, settings.sampling(),
                        settings.maxPromptLength());
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Whether responses are drawn (rather than decoded greedily, so that every sample of a prompt is the same). */
    boolean samples() {
        return !sampling.resolve(defaults, 0).isGreedy();
    }

    /** One response per prompt, drawn together with {@code seed}. */
    List<String> generate(List<Prompt> batch, long seed) {
        List<long[]> ids = new ArrayList<>(batch.size());
        for (Prompt prompt : batch) {
            int[] encoded = prompts.promptIds(prompt);
            int from = Math.max(0, encoded.length - maxPromptLength);
            ids.add(Arrays.stream(encoded, from, encoded.length).asLongStream().toArray());
        }
        GenerationConfig config = sampling.resolve(defaults, seed);
        List<String> responses = new ArrayList<>(batch.size());
        for (long[] continuation : new Generator(model).generate(ids, config)) {
            responses.add(tokenizer.decode(continuation, true));
        }
        return responses;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
