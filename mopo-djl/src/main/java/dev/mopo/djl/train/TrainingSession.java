package dev.mopo.djl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.datasets.read.ReadStats;
import dev.mopo.djl.Devices;
import dev.mopo.djl.checkpoint.Checkpoint;
import dev.mopo.djl.model.CausalLm;
import dev.mopo.djl.train.config.ModelSettings;
import dev.mopo.djl.train.config.Precision;
import dev.mopo.djl.train.config.ReferenceMode;
import dev.mopo.djl.train.config.TrainConfig;
import dev.mopo.djl.train.data.CorpusSurvey;
import dev.mopo.djl.train.data.Split;
import dev.mopo.djl.train.data.TrainingData;
import dev.mopo.djl.train.optim.AdamW;
import dev.mopo.djl.train.optim.LossScaler;
import dev.mopo.djl.train.optim.MasterWeights;
import dev.mopo.djl.train.optim.ParameterUpdate;
import dev.mopo.djl.train.reference.LiveReference;
import dev.mopo.djl.train.reference.MovingReference;
import dev.mopo.djl.train.reference.ReferenceLogProbs;
import dev.mopo.djl.train.reference.ReferenceSource;
import dev.mopo.djl.train.step.LossSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Opens a {@link Trainer} from a {@link TrainConfig}. Every cheap check comes first — the model
 * folders, the output folder, the dataset, the loss's objectives against the dataset's, the batch
 * against the dataset's size — so that bad input fails in seconds, before a model is loaded or a
 * reference log-prob computed. Then the policy (and, in fp16, its fp32 masters), the reference
 * log-probs (cached, or a live reference model), and the resume state.
 */
public final class TrainingSession {

    private static final String METRICS_FILE = "metrics.jsonl";
    private static final String CONFIG_FILE = "train_config.json";

    private TrainingSession() {}

    /**
     * Where a run's reference log-probs come from, for the training and the held-out pairs.
     *
     * @param train the training pairs' source, which moves with spec §10's lagged reference
     * @param eval the held-out pairs' source
     * @param live the live reference model, or null when the log-probs were precomputed
     */
    record References(MovingReference train, ReferenceSource eval, LiveReference live) implements AutoCloseable {

        @Override
        public void close() {
            train.close();
            if (live != null) {
                live.close();
            }
        }
    }

    /** A trainer for {@code config}; with {@code resume}, continuing from the newest checkpoint. */
    public static Trainer open(TrainConfig config, boolean resume, TrainingListener listener) throws IOException {
        return open(config, resume, listener, LossScaler.standard());
    }

    /** As {@link #open(TrainConfig, boolean, TrainingListener)}, fp16 training starting from {@code scaler}. */
    static Trainer open(TrainConfig config, boolean resume, TrainingListener listener, LossScaler scaler)
            throws IOException {
        ModelSettings models = config.model();
        checkModelFolder("model", models.model());
        checkModelFolder("reference", models.reference());
        Path output = prepareOutput(config.runtime().output());
        Optional<Path> latest = new Checkpoints(output).latest(listener::onWarning);
        if (resume && latest.isEmpty()) {
            throw new IllegalArgumentException("--resume: " + output + " holds no checkpoint to resume from (a run"
                    + " stopped before its first checkpoint starts again without --resume)");
        }
        if (resume) {
            TrainConfigJson.requireSameRun(output.resolve(CONFIG_FILE), config);
        }
        if (!resume && latest.isPresent()) {
            throw new IllegalArgumentException("output folder " + output + " already holds " + latest.get()
                    + "; continue it with --resume or choose another output folder");
        }
        TrainingData data = TrainingData.open(config);
        try {
            checkData(config, data);
            reportRejections(data, listener);
            LossSetup loss = LossSetup.of(config.loss(), config.dual(), data.objectives());
            LossSetup.requireLabels(config.loss(), data.objectives(), data.survey().labelledTrainPairs(),
                    data.path().toString());
            TrainerState state = resume ? Checkpoints.state(latest.get()) : null;
            boolean half = config.runtime().precision() == Precision.FP16;
            if (resume && half && state.lossScaler() == null) {
                throw new IllegalArgumentException("precision: " + latest.get() + " was trained in fp32; resume it with"
                        + " precision: fp32");
            }
            Device device = Devices.parse(config.runtime().device());
            Path policyFolder = resume ? latest.get() : models.model();
            CausalLm policy = CausalLm.load(policyFolder, device, config.runtime().precision().dataType());
            try {
                ParameterUpdate update = new ParameterUpdate(policy,
                        AdamW.forModel(config.optimizer().weightDecay(), policy.block()),
                        config.optimizer().maxGradNorm(), half ? MasterWeights.load(policyFolder, policy) : null,
                        half ? scaler : null);
                References references = references(config, data, device, listener);
                if (!resume) {
                    AtomicFiles.writeString(output.resolve(CONFIG_FILE), TrainConfigJson.write(config));
                }
                MetricsLog metrics = MetricsLog.open(output.resolve(METRICS_FILE), resume ? state.step() : 0);
                Trainer trainer = new Trainer(config, policy, data, loss, references, update, metrics, listener);
                if (resume) {
                    try (NDManager manager = NDManager.newBaseManager(device)) {
                        trainer.restore(latest.get(), state, Checkpoints.optimizerState(latest.get(), manager));
                    }
                }
                return trainer;
            } catch (IOException | RuntimeException e) {
                policy.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            data.close();
            throw e;
        }
    }

    /** Precomputed reference log-probs for both splits (cached), or a live reference model. */
    private static References references(TrainConfig config, TrainingData data, Device device,
            TrainingListener listener) throws IOException {
        ModelSettings models = config.model();
        if (models.referenceMode() == ReferenceMode.LIVE) {
            LiveReference live = new LiveReference(CausalLm.load(models.reference(), device,
                    models.referencePrecision().dataType()));
            return new References(new MovingReference(live, device, models.referencePrecision()), live, live);
        }
        CorpusSurvey survey = data.survey();
        int total = survey.trainPairs() + survey.evalPairs();
        Files.createDirectories(models.referenceCache());
        try (LazyModel reference = new LazyModel(() -> load(models.reference(), device,
                models.referencePrecision()))) {
            ReferenceLogProbs train = ReferenceLogProbs.load(models.referenceCache().resolve("reference_train.safetensors"),
                    cacheKey(models, survey.digest(Split.TRAIN)), survey.trainPairs(), reference,
                    () -> data.byLength(Split.TRAIN), done -> listener.onReferenceProgress(done, total));
            ReferenceLogProbs eval = ReferenceLogProbs.load(models.referenceCache().resolve("reference_eval.safetensors"),
                    cacheKey(models, survey.digest(Split.EVAL)), survey.evalPairs(), reference,
                    () -> data.byLength(Split.EVAL),
                    done -> listener.onReferenceProgress(survey.trainPairs() + done, total));
            return new References(new MovingReference(train, device, models.referencePrecision()), eval, null);
        }
    }

    /** SHA-256 over the reference folder, its precision and the digest of the split's tokenised pairs. */
    private static String cacheKey(ModelSettings models, String pairsDigest) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String identity = models.reference().toAbsolutePath().normalize() + "\n" + models.referencePrecision()
                    + "\n" + pairsDigest;
            return HexFormat.of().formatHex(digest.digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static CausalLm load(Path folder, Device device, Precision precision) {
        try {
            return CausalLm.load(folder, device, precision.dataType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    private static void checkData(TrainConfig config, TrainingData data) {
        CorpusSurvey survey = data.survey();
        if (survey.trainPairs() == 0) {
            throw new IllegalArgumentException("dataset_path: " + data.path() + " has no training pairs ("
                    + survey.stats().summary() + ")");
        }
        int perStep = config.optimizer().pairsPerStep();
        if (perStep > survey.trainPairs()) {
            throw new IllegalArgumentException("batch_size x gradient_accumulation = " + perStep
                    + " pairs exceeds the " + survey.trainPairs() + " training pairs of " + data.path());
        }
    }

    /** Says how many rows the corpus reader skipped, why, and where the first one is. */
    private static void reportRejections(TrainingData data, TrainingListener listener) {
        ReadStats stats = data.survey().stats();
        if (stats.rejectedTotal() > 0) {
            listener.onWarning(data.path() + ": " + stats.summary() + "; the first: " + stats.examples().get(0).message()
                    + " (`mopo data inspect` lists them)");
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
