package dev.mopo.cli.sweep;

import dev.mopo.bench.eval.EvalSettings;
import dev.mopo.bench.sweep.SlurmResources;
import dev.mopo.bench.sweep.Sweep;
import dev.mopo.bench.sweep.SweepMethod;
import dev.mopo.cli.YamlFiles;
import dev.mopo.cli.eval.EvalOptions;
import dev.mopo.cli.train.SettingsFile;
import dev.mopo.djl.train.config.LossKind;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.config.TrainConfigBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep file (YAML, {@code snake_case} keys, paths relative to the file):
 *
 * <pre>
 * base: pku-1.3b.yaml                 # a `mopo train` file: every run starts from its settings
 * output: sweep-out                   # default: a folder named after this file, beside it
 * methods:
 *   - loss: mopo
 *     thresholds: [{harmless: 0.55}, {harmless: 0.65}]   # one value per constrained objective
 *   - loss: dpo-ls                    # also ipo-ls, modpo
 *     loss_weights: [{helpful: 0.5, harmless: 0.5}]
 *   - loss: mopo-fixed
 *     lambdas: [{harmless: 1.0}]
 *   - loss: dpo                       # plain losses: one run per seed
 * seeds: [1, 2]                       # default: the base's seed
 * eval_shards: 1                      # evaluation tasks (for schedulers)
 * evaluation:                         # `mopo eval`'s settings, by key; prompts default to the base corpus's
 *   samples: 4                        # held-out split
 *   max_new_tokens: 128
 *   scorers: ["harmless=reward-model:rm#harmless", "java:concise"]
 * slurm:                              # what each task asks for under --executor slurm (all optional)
 *   partition: gpu
 *   gpus: 1                           # per task: --gres=gpu:1
 *   cpus: 8                           # --cpus-per-task
 *   memory: 64G                       # --mem
 *   time: "12:00:00"                  # --time
 *   sbatch_options: ["--account=nlp"]
 * </pre>
 *
 * An unknown key or a value of the wrong type is one line naming the file and the key (with the
 * closest known key).
 */
final class SweepFile {


    /** The file's keys. */
    static final class Content {
        Path base;
        Path output;
        List<Method> methods;
        List<Long> seeds;
        Integer evalShards;
        EvalOptions evaluation;
        Resources slurm;
    }

    /** The {@code slurm:} block. */
    static final class Resources {
        String partition;
        Integer gpus;
        Integer cpus;
        String memory;
        String time;
        List<String> sbatchOptions;
    }

    /** One entry of {@code methods}. */
    static final class Method {
        LossKind loss;
        List<Map<String, Double>> thresholds;
        List<Map<String, Double>> lossWeights;
        List<Map<String, Double>> lambdas;
    }

    private SweepFile() {}

    /** The sweep {@code file} describes, its runs expanded once to check them. */
    static Sweep read(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Content content = parse(absolute);
        Path folder = absolute.getParent();
        try {
            if (content.base == null) {
                throw new IllegalArgumentException("base: name the `mopo train` file every run starts from");
            }
            if (content.methods == null || content.methods.isEmpty()) {
                throw new IllegalArgumentException("methods: give at least one loss to train");
            }
            String stem = absolute.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Path output = folder.resolve(content.output != null ? content.output : Path.of(stem)).normalize();
            Path basePath = folder.resolve(content.base).normalize();
            TrainConfigBuilder baseBuilder = SettingsFile.builder(basePath);
            TrainConfig base;
            try {
                base = baseBuilder.output(output).build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("base: " + basePath + ": " + e.getMessage(), e);
            }
            List<SweepMethod> methods = new ArrayList<>();
            for (int i = 0; i < content.methods.size(); i++) {
                methods.add(method(content.methods.get(i), "methods[" + i + "]"));
            }
            EvalSettings.Builder builder = EvalSettings.builder().chatTemplate(base.data().chatTemplate())
                    .device(base.runtime().device());
            EvalSettings evaluation;
            try {
                (content.evaluation == null ? new EvalOptions() : content.evaluation).applyTo(builder, folder, base);
                evaluation = builder.build();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("evaluation: " + e.getMessage(), e);
            }
            Sweep sweep = new Sweep(base, methods, content.seeds == null ? List.of() : content.seeds, output,
                    evaluation, content.evalShards == null ? 1 : content.evalShards);
            sweep.runs();
            return sweep;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code slurm:} block of {@code file}: what each task asks the scheduler for; the cluster's
     * defaults (one CPU) without it.
     */
    static SlurmResources slurmResources(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Resources block = parse(absolute).slurm;
        if (block == null) {
            return SlurmResources.DEFAULT;
        }
        try {
            return new SlurmResources(block.partition, block.gpus == null ? 0 : block.gpus,
                    block.cpus == null ? 1 : block.cpus, block.memory, block.time,
                    block.sbatchOptions == null ? List.of() : block.sbatchOptions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(absolute + ": " + e.getMessage(), e);
        }
    }

    private static SweepMethod method(Method method, String key) {
        if (method == null || method.loss == null) {
            throw new IllegalArgumentException(key + ": name its loss (loss: mopo, dpo-ls, ...)");
        }
        Map<String, List<Map<String, Double>>> given = new LinkedHashMap<>();
        given.put("thresholds", method.thresholds);
        given.put("loss_weights", method.lossWeights);
        given.put("lambdas", method.lambdas);
        String setting = SweepMethod.settingOf(method.loss);
        for (Map.Entry<String, List<Map<String, Double>>> entry : given.entrySet()) {
            if (entry.getValue() != null && !entry.getKey().equals(setting)) {
                throw new IllegalArgumentException(key + ": loss " + method.loss + " takes "
                        + (setting == null ? "no points" : setting) + ", not " + entry.getKey());
            }
        }
        List<Map<String, Double>> points = setting == null ? List.of() : given.get(setting);
        if (setting != null && (points == null || points.isEmpty())) {
            throw new IllegalArgumentException(key + ": loss " + method.loss + " needs " + setting
                    + ", a list of {objective: value} maps (one run each)");
        }
        try {
            return new SweepMethod(method.loss, points);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(key + ": " + (e.getMessage() == null ? setting + " holds an empty value"
                    : e.getMessage()), e);
        }
    }

    private static Content parse(Path file) throws IOException {
        Content content = YamlFiles.read(file, Content.class, "key", "`mopo sweep --help` describes the file");
        return content == null ? new Content() : content;
    }
}
