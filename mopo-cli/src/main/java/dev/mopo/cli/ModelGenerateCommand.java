package dev.mopo.cli;

import ai.djl.ndarray.types.DataType;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.datasets.tokenizer.SpecialToken;
import dev.mopo.djl.generate.GenerationConfig;
import dev.mopo.djl.generate.Generator;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.Precision;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mopo model generate}: continue a prompt with the checkpoint's tokenizer. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Continue a prompt: greedy by default, temperature/top-p sampling with --temperature.")
final class ModelGenerateCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "The checkpoint folder (with tokenizer.json).")
    private Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt text.")
    private String prompt;

    @Option(names = "--max-new-tokens", defaultValue = "64", description = "Token budget (default: ${DEFAULT-VALUE}).")
    private int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0",
            description = "0 for greedy decoding, else the sampling temperature (default: ${DEFAULT-VALUE}).")
    private double temperature;

    @Option(names = "--top-p", defaultValue = "1", description = "Nucleus sampling mass (default: ${DEFAULT-VALUE}).")
    private double topP;

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
            List<Long> eos = new ArrayList<>(lm.config().specialTokens().eos());
            tokenizer.specialTokens().eos().map(SpecialToken::id).filter(id -> !eos.contains(id)).ifPresent(eos::add);
            long pad = tokenizer.specialTokens().pad().map(SpecialToken::id)
                    .orElse(eos.isEmpty() ? 0L : eos.get(0));
            GenerationConfig config = temperature == 0
                    ? GenerationConfig.greedy(maxNewTokens, eos, pad)
                    : GenerationConfig.sampling(maxNewTokens, temperature, topP, seed, eos, pad);
            long[] ids = tokenizer.encode(prompt);
            long[] continuation = new Generator(lm).generate(List.of(ids), config).get(0);
            System.out.println(prompt + tokenizer.decode(continuation, true));
        }
        return 0;
    }
}
