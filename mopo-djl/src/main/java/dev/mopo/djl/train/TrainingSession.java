package dev.mopo.djl.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.PaddingSide;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.datasets.tokenizer.SpecialToken;
import dev.mopo.djl.Devices;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens a {@link Trainer} from a {@link TrainConfig}. Every cheap check comes first — the config's
 * values, the model folders, the output folder, the dataset, the thresholds against the dataset's
 * objectives, the batch against the dataset's size — so that bad input fails in seconds, before
 * a model is loaded or a reference log-prob computed.
 */
public final class TrainingSession {

    private static final String METRICS_FILE = "metrics.jsonl";

    private TrainingSession() {}

    /** A trainer for {@code config}; with {@code resume}, continuing from the newest checkpoint. */
    public static Trainer open(TrainConfig config, boolean resume, TrainingListener listener) throws IOException {
        return open(config, resume, listener, LossScaler.standard());
    }

    /** As {@link #open(TrainConfig, boolean, TrainingListener)}, fp16 training starting from {@code scaler}. */
    static Trainer open(TrainConfig config, boolean resume, TrainingListener listener, LossScaler scaler)
            throws IOException {
        config.validate();
        checkModelFolder("model", config.model());
        checkModelFolder("reference", config.reference());
        Checkpoints checkpoints = new Checkpoints(prepareOutput(config.output()));
        Optional<Path> latest = checkpoints.latest();
        if (resume && latest.isEmpty()) {
            throw new IllegalArgumentException("--resume: " + config.output() + " holds no checkpoint to resume from");
        }
        if (!resume && latest.isPresent()) {
            throw new IllegalArgumentException("output folder " + config.output() + " already holds " + latest.get()
                    + "; continue it with --resume or choose another output folder");
        }
        BatchConfig batching;
        TrainingData data;
        try (HfTokenizer tokenizer = HfTokenizer.load(config.model())) {
            batching = batching(config, tokenizer);
            data = TrainingData.load(config, tokenizer, batching);
        }
        checkData(config, data);
        LossChoice.Setup lossSetup = LossChoice.setUp(config, data.objectives());

        DataType precision = "fp16".equals(config.referencePrecision) ? DataType.FLOAT16 : DataType.FLOAT32;
        ai.djl.Device device = Devices.parse(config.device);
        Path policyFolder = resume ? latest.get() : config.model();
        TrainerState state = resume ? Checkpoints.state(latest.get()) : null;
        boolean half = "fp16".equals(config.precision);
        if (resume && half && state.lossScaler() == null) {
            throw new IllegalArgumentException("precision: " + latest.get() + " was trained in fp32; resume it with"
                    + " precision: fp32");
        }
        CausalLm policy = CausalLm.load(policyFolder, device, half ? DataType.FLOAT16 : DataType.FLOAT32);
        try {
            MasterWeights masters = half ? MasterWeights.load(policyFolder, policy) : null;
            CausalLm live = null;
            ReferenceLogProbs trainReference = null;
            ReferenceLogProbs evalReference = null;
            if ("live".equals(config.referenceMode)) {
                live = CausalLm.load(config.reference(), device, precision);
            } else {
                LazyModel reference = new LazyModel(() -> load(config.reference(), device, precision));
                Files.createDirectories(config.referenceCache());
                try (reference) {
                    trainReference = ReferenceLogProbs.load(config.referenceCache().resolve("reference_train.safetensors"),
                            reference, config.reference(), data.train(), batching,
                            done -> listener.onReferenceProgress(done, data.train().size() + data.eval().size()));
                    evalReference = ReferenceLogProbs.load(config.referenceCache().resolve("reference_eval.safetensors"),
                            reference, config.reference(), data.eval(), batching,
                            done -> listener.onReferenceProgress(data.train().size() + done,
                                    data.train().size() + data.eval().size()));
                }
            }
            AtomicFiles.writeString(config.output().resolve("train_config.json"), config.toJson());
            MetricsLog metrics = MetricsLog.open(config.output().resolve(METRICS_FILE), resume ? state.step() : 0);
            Trainer trainer = new Trainer(config, lossSetup, policy, masters, half ? scaler : null, live, data,
                    batching, trainReference, evalReference, checkpoints, metrics, listener);
            if (resume) {
                try (NDManager manager = NDManager.newBaseManager(device)) {
                    trainer.restore(state, Checkpoints.optimizerState(latest.get(), manager));
                }
            }
            return trainer;
        } catch (IOException | RuntimeException e) {
            policy.close();
            throw e;
        }
    }

    private static CausalLm load(Path folder, ai.djl.Device device, DataType precision) {
        try {
            return CausalLm.load(folder, device, precision);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void checkModelFolder(String key, Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(key + ": " + folder + " is not a folder");
        }
        if (!Files.isRegularFile(folder.resolve("config.json"))) {
            throw new IllegalArgumentException(key + ": " + folder + " has no config.json");
        }
        if (!Files.isRegularFile(folder.resolve("tokenizer.json"))) {
            throw new IllegalArgumentException(key + ": " + folder + " has no tokenizer.json");
        }
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            if (checkpoint.names().isEmpty()) {
                throw new IllegalArgumentException(key + ": " + folder + " holds no weights");
            }
        }
    }

    /** Creates the output folder and proves it writable. */
    private static Path prepareOutput(Path output) throws IOException {
        try {
            Files.createDirectories(output);
            Path probe = Files.createTempFile(output, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException("output: cannot write to " + output + " (" + e.getMessage() + ")", e);
        }
        return output;
    }

    private static BatchConfig batching(TrainConfig config, HfTokenizer tokenizer) {
        Optional<SpecialToken> eos = tokenizer.specialTokens().eos();
        int pad = Math.toIntExact(tokenizer.specialTokens().pad().or(() -> eos).map(SpecialToken::id).orElse(0L));
        return BatchConfig.builder(pad)
                .batchSize(config.batchSize)
                .maxLength(config.maxLength)
                .maxPromptLength(config.maxPromptLength)
                .paddingSide(PaddingSide.RIGHT)
                .eosId(eos.map(t -> Math.toIntExact(t.id())).orElse(-1))
                .build();
    }

    private static void checkData(TrainConfig config, TrainingData data) {
        int perStep = config.batchSize * config.gradientAccumulation;
        if (data.train().isEmpty()) {
            throw new IllegalArgumentException("dataset " + config.datasetPath + " has no training pairs"
                    + (data.stats() == null ? "" : " (" + data.stats() + ")"));
        }
        if (perStep > data.train().size()) {
            throw new IllegalArgumentException("batch_size x gradient_accumulation = " + perStep
                    + " pairs exceeds the " + data.train().size() + " training pairs of " + config.datasetPath);
        }
    }

    /** The reference model, loaded only if a cache misses, and closed after. */
    static final class LazyModel implements Supplier<CausalLm>, AutoCloseable {
        private final Supplier<CausalLm> loader;
        private CausalLm model;

        LazyModel(Supplier<CausalLm> loader) {
            this.loader = loader;
        }

        @Override
        public CausalLm get() {
            if (model == null) {
                model = loader.get();
            }
            return model;
        }

        @Override
        public void close() {
            if (model != null) {
                model.close();
            }
        }
    }
}
