package dev.mopo.bench.eval;

import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.core.Checks;
import dev.mopo.datasets.template.TemplateChoice;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How policies are evaluated: which prompts, how many samples of each, how responses are drawn,
 * and the scorers. Each setting is named as on the command line ({@code --max-new-tokens} is
 * {@code max_new_tokens} in a sweep's {@code evaluation:} block).
 *
 * <pre>{@code
 * EvalSettings settings = EvalSettings.builder()
 *         .prompts(new PromptFile(Path.of("prompts.jsonl"))).samples(4)
 *         .sampling(new Sampling(64, 0.7, 0.9, null))
 *         .scorers(List.of(ScorerSpec.provided("concise", "concise"),
 *                 ScorerSpec.rewardModel("harmless", Path.of("rm"), "harmless")))
 *         .build();
 * }</pre>
 *
 * @param prompts where the prompts come from (required)
 * @param maxPrompts the most prompts to evaluate, the first ones; 0 for all ({@code max_prompts}, default 0)
 * @param samples responses per prompt and policy ({@code samples}, default 1)
 * @param sampling temperature, top-p, top-k and budget over the policies' generation configs
 * @param chatTemplate how prompts are rendered, as training renders them ({@code chat_template}, default auto)
 * @param maxPromptLength prompts keep their last this many tokens ({@code max_prompt_length}, default 256)
 * @param seed the seed of the draws and of the bootstrap ({@code seed}, default 0)
 * @param batchSize responses generated, and requests scored, per batch ({@code batch_size}, default 8)
 * @param device where policies and reward models run ({@code device}, default cpu)
 * @param scorers the scorers, at least one, with distinct names ({@code scorers})
 * @param bootstrap the confidence intervals' resamples and coverage
 */
public record EvalSettings(PromptSource prompts, int maxPrompts, int samples, Sampling sampling,
        TemplateChoice chatTemplate, int maxPromptLength, long seed, int batchSize, String device,
        List<ScorerSpec> scorers, Bootstrap bootstrap) {

    /** Checks the settings. */
    public EvalSettings {
        Checks.required(prompts, "give the prompts: a prompt file, or a corpus and its split");
        Checks.nonNegative("max_prompts", maxPrompts);
        Checks.atLeastOne("samples", samples);
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(chatTemplate, "chat_template");
        Checks.atLeastOne("max_prompt_length", maxPromptLength);
        Checks.atLeastOne("batch_size", batchSize);
        Objects.requireNonNull(device, "device");
        scorers = List.copyOf(scorers);
        if (scorers.isEmpty()) {
            throw new IllegalArgumentException("scorers: give at least one scorer");
        }
        Set<String> names = new HashSet<>();
        for (ScorerSpec scorer : scorers) {
            if (!names.add(scorer.name())) {
                throw new IllegalArgumentException("scorers: two scorers are named '" + scorer.name() + "'");
            }
        }
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    /** A builder holding every default; the prompts and the scorers must be given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().prompts(prompts).maxPrompts(maxPrompts).samples(samples).sampling(sampling)
                .chatTemplate(chatTemplate).maxPromptLength(maxPromptLength).seed(seed).batchSize(batchSize)
                .device(device).scorers(scorers).bootstrap(bootstrap);
    }

    /** Builds {@link EvalSettings}: one method per setting. */
    public static final class Builder {
        private PromptSource prompts;
        private int maxPrompts;
        private int samples = 1;
        private Sampling sampling = Sampling.POLICY_DEFAULTS;
        private TemplateChoice chatTemplate = TemplateChoice.AUTO;
        private int maxPromptLength = 256;
        private long seed;
        private int batchSize = 8;
        private String device = "cpu";
        private List<ScorerSpec> scorers = List.of();
        private Bootstrap bootstrap = Bootstrap.DEFAULT;

        private Builder() {}

        /** {@code prompts}. */
        public Builder prompts(PromptSource value) {
            prompts = value;
            return this;
        }

        /** {@code max_prompts}. */
        public Builder maxPrompts(int value) {
            maxPrompts = value;
            return this;
        }

        /** {@code samples}. */
        public Builder samples(int value) {
            samples = value;
            return this;
        }

        /** {@code max_new_tokens}, {@code temperature}, {@code top_p}, {@code top_k}. */
        public Builder sampling(Sampling value) {
            sampling = value;
            return this;
        }

        /** {@code chat_template}. */
        public Builder chatTemplate(TemplateChoice value) {
            chatTemplate = value;
            return this;
        }

        /** {@code max_prompt_length}. */
        public Builder maxPromptLength(int value) {
            maxPromptLength = value;
            return this;
        }

        /** {@code seed}. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** {@code batch_size}. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** {@code device}. */
        public Builder device(String value) {
            device = value;
            return this;
        }

        /** {@code scorers}. */
        public Builder scorers(List<ScorerSpec> value) {
            scorers = value;
            return this;
        }

        /** {@code bootstrap_resamples} and {@code confidence}. */
        public Builder bootstrap(Bootstrap value) {
            bootstrap = value;
            return this;
        }

        /** The settings; the first bad one is an {@link IllegalArgumentException} naming it. */
        public EvalSettings build() {
            return new EvalSettings(prompts, maxPrompts, samples, sampling, chatTemplate, maxPromptLength, seed,
                    batchSize, device, scorers, bootstrap);
        }
    }
}
