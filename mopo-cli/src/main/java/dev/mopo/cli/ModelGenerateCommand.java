package dev.mopo.cli;

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
import dev.mopo.djl.train.config.Precision;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mopo model generate}: continue a prompt with the checkpoint's tokenizer. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Continue a prompt with the checkpoint's generation settings (generation_config.json, as"
                + " transformers reads it: stop ids, greedy or sampled, temperature, top-p, top-k); the flags override them."})
final class ModelGenerateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "The checkpoint folder (with tokenizer.json).")
    private Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt text.")
    private String prompt;

    @Option(names = "--max-new-tokens", paramLabel = "TOKENS",
            description = "Token budget (default: the generation config's max_new_tokens, else 64).")
    private Integer maxNewTokens;

    @Option(names = "--temperature", paramLabel = "T",
            description = "0 for greedy decoding, else sample at this temperature (default: the generation config's).")
    private Double temperature;

    @Option(names = "--top-p", paramLabel = "MASS", description = "Nucleus sampling mass (default: the generation config's).")
    private Double topP;

    @Option(names = "--top-k", paramLabel = "TOKENS",
            description = "Sample from the k most likely tokens, 0 for all (default: the generation config's, else 50).")
    private Integer topK;

    @Option(names = "--chat-template", defaultValue = "none", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES}: how the prompt is rendered, as training renders it (none: the"
                    + " text as given, with the tokenizer's special tokens; auto: the checkpoint's chat template, else"
                    + " none; default: ${DEFAULT-VALUE}).")
    private TemplateChoice chatTemplate;

    @Option(names = "--seed", defaultValue = "0", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--precision", defaultValue = "fp32", description = "fp32 or fp16 (default: ${DEFAULT-VALUE}).")
    private String precision;

    @Mixin
    private DeviceOption device;

    @Override
    public Integer call() throws Exception {
        try (HfTokenizer tokenizer = HfTokenizer.load(model);
                CausalLm lm = CausalLm.load(model, device.device(), Precision.of("--precision", precision).dataType())) {
            GenerationDefaults defaults = GenerationDefaults.read(model, lm.config().specialTokens());
            int budget = maxNewTokens != null ? maxNewTokens : (int) defaults.maxNewTokens().orElse(64);
            boolean sample = temperature == null ? defaults.doSample() : temperature > 0;
            GenerationConfig config = sample
                    ? new GenerationConfig(budget, temperature == null ? defaults.temperature() : temperature,
                            topP == null ? defaults.topP() : topP, topK == null ? defaults.topK() : topK, seed,
                            defaults.eosTokenIds(), defaults.padOrEos())
                    : GenerationConfig.greedy(budget, defaults.eosTokenIds(), defaults.padOrEos());
            PairTokenizer prompts = new PairTokenizer(ChatTemplates.named(chatTemplate, model, TemplateChoice.NONE),
                    tokenizer.encoder(), TokenLimits.DEFAULT, rejection -> { });
            long[] ids = Arrays.stream(prompts.promptIds(Prompt.of(prompt))).asLongStream().toArray();
            long[] continuation = new Generator(lm).generate(List.of(ids), config).get(0);
            System.out.println(prompt + tokenizer.decode(continuation, true));
        }
        return 0;
    }
}
