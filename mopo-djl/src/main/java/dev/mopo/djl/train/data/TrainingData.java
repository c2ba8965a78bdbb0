package dev.mopo.djl.train.data;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.datasets.batch.BatchConfig;
import dev.mopo.datasets.batch.BatchStream;
import dev.mopo.datasets.batch.PaddingSide;
import dev.mopo.datasets.batch.PairTokenizer;
import dev.mopo.datasets.batch.TokenizedPair;
import dev.mopo.datasets.batch.TrainEvalSplit;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.preset.Presets;
import dev.mopo.datasets.read.PairReader;
import dev.mopo.datasets.read.ReadOptions;
import dev.mopo.datasets.template.ChatTemplate;
import dev.mopo.datasets.template.ChatTemplates;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.datasets.tokenizer.SpecialToken;
import dev.mopo.djl.train.config.LossSettings;
import dev.mopo.djl.train.config.PreferenceValueSource;
import dev.mopo.djl.train.config.SamplingStrategy;
import dev.mopo.djl.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The corpus of a run, streamed from its file every time it is needed — an epoch of training
 * batches in the order of {@code train_sampling_strategy}, the held-out pairs in file order, the
 * pairs in batches of similar length for the reference pass — so that memory does not grow with
 * the corpus. Shuffling and sorting happen inside a window of {@link BatchConfig#bufferPairs()}
 * pairs (the whole epoch when the corpus is smaller).
 *
 * <p>Opening it reads the corpus once ({@link CorpusSurvey}): the pairs of each split, which
 * fix the epoch length, and a digest of each split's tokens, which keys cached reference
 * log-probs. Pairs keep their position within their split ({@code TokenizedPair.index()}) in
 * every stream.
 */
public final class TrainingData implements AutoCloseable {

    private final Path path;
    private final Preset preset;
    private final ObjectiveSet objectives;
    private final int[] outcomeColumns;
    private final HfTokenizer tokenizer;
    private final ChatTemplate template;
    private final BatchConfig batching;
    private final TrainEvalSplit split;
    private final long seed;
    private final SamplingStrategy sampling;
    private final CorpusSurvey survey;
    private final PooledPreferences trainPool;
    private final PooledPreferences evalPool;

    private TrainingData(TrainConfig config, Preset preset, ObjectiveSet objectives, int[] outcomeColumns,
            HfTokenizer tokenizer, ChatTemplate template) throws IOException {
        this.path = config.data().datasetPath();
        this.preset = preset;
        this.objectives = objectives;
        this.outcomeColumns = outcomeColumns;
        this.tokenizer = tokenizer;
        this.template = template;
        this.batching = batching(config, tokenizer);
        this.split = new TrainEvalSplit(config.data().evalFraction(), config.runtime().seed());
        this.seed = config.runtime().seed();
        this.sampling = config.data().trainSamplingStrategy();
        LossSettings loss = config.loss();
        boolean pools = loss.preferenceValues() == PreferenceValueSource.CORPUS
                && loss.loss().usesPreferenceValues(config.dual().dualEstimator());
        this.trainPool = pools ? new PooledPreferences(outcomeColumns) : null;
        this.evalPool = pools ? new PooledPreferences(outcomeColumns) : null;
        this.survey = readSurvey();
    }

    /** Opens the corpus a config names, tokenised with the policy's tokenizer, and surveys it. */
    public static TrainingData open(TrainConfig config) throws IOException {
        Preset preset = Presets.create(config.data().datasetPreset(), config.data().datasetOptions(),
                config.data().datasetPath());
        ObjectiveSet available = preset.objectives();
        List<String> named = config.data().objectives();
        ObjectiveSet objectives = named.isEmpty() ? available : ObjectiveSet.of(named);
        int[] columns = new int[objectives.size()];
        for (int k = 0; k < columns.length; k++) {
            if (!available.names().contains(objectives.name(k))) {
                throw new IllegalArgumentException("objectives names '" + objectives.name(k) + "', which the "
                        + preset.name() + " dataset does not have; its objectives are " + available);
            }
            columns[k] = available.indexOf(objectives.name(k));
        }
        Path model = config.model().model();
        ChatTemplate template = ChatTemplates.named(config.data().chatTemplate(), model, preset.textTemplate());
        HfTokenizer tokenizer = HfTokenizer.load(model);
        try {
            return new TrainingData(config, preset, objectives, columns, tokenizer, template);
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    private static BatchConfig batching(TrainConfig config, HfTokenizer tokenizer) {
        Optional<SpecialToken> eos = tokenizer.specialTokens().eos();
        int pad = Math.toIntExact(tokenizer.specialTokens().pad().or(() -> eos).map(SpecialToken::id).orElse(0L));
        return BatchConfig.builder(pad)
                .batchSize(config.optimizer().batchSize())
                .limits(config.data().tokenLimits())
                .paddingSide(PaddingSide.RIGHT)
                .build();
    }

    /**
     * One pass over the corpus: counts and digests of both splits, and the read statistics (pairs the
     * tokenisation refuses included, under their reasons).
     */
    private CorpusSurvey readSurvey() throws IOException {
        PairDigest train = new PairDigest();
        PairDigest eval = new PairDigest();
        long[] labelled = new long[outcomeColumns.length];
        try (PairReader reader = PairReader.open(path, preset, ReadOptions.lenient())) {
            PairTokenizer pairs = new PairTokenizer(template, tokenizer.encoder(), batching.limits(),
                    reader.rejections());
            for (Iterator<TokenizedPair> it = pairs.tokenize(reader); it.hasNext();) {
                TokenizedPair pair = it.next();
                boolean isEval = split.isEval(pair.id());
                if (isEval) {
                    eval.add(pair);
                } else {
                    train.add(pair);
                    countLabels(pair, labelled);
                }
                PooledPreferences pool = isEval ? evalPool : trainPool;
                if (pool != null) {
                    pool.add(pair);
                }
            }
            return new CorpusSurvey(train.pairs(), eval.pairs(), train.hex(), eval.hex(), labelled, reader.stats());
        }
    }

    private void countLabels(TokenizedPair pair, long[] labelled) {
        int[] outcomes = pair.outcomes();
        for (int k = 0; k < outcomeColumns.length; k++) {
            if (outcomes[outcomeColumns[k]] != 0) {
                labelled[k]++;
            }
        }
    }

    /** The run's objectives, primary first. */
    public ObjectiveSet objectives() {
        return objectives;
    }

    /** For each run objective, its column in the corpus's outcomes. */
    public int[] outcomeColumns() {
        return outcomeColumns.clone();
    }

    /** Batch size, length limits and padding. */
    public BatchConfig batching() {
        return batching;
    }

    /**
     * Each response's results pooled over the pairs of {@code side} ({@code preference_values: corpus};
     * the held-out pool never sees a training label, nor the reverse), or empty when the loss does not
     * read preference values or they come from elsewhere.
     */
    public Optional<PooledPreferences> pooledPreferences(Split side) {
        return Optional.ofNullable(side == Split.EVAL ? evalPool : trainPool);
    }

    /** What opening the corpus found. */
    public CorpusSurvey survey() {
        return survey;
    }

    /** The path of the corpus, for messages. */
    public Path path() {
        return path;
    }

    /**
     * The training batches of epoch {@code epoch} in the order of {@code train_sampling_strategy}:
     * shuffled (and grouped by length) with the run's seed and the epoch, so that a resumed run
     * sees the same order, or in file order.
     */
    public BatchStream epoch(int epoch) throws IOException {
        BatchConfig.Builder order = batching.toBuilder();
        if (sampling != SamplingStrategy.SEQUENTIAL) {
            order.shuffle(seed * 1_000_003L + epoch).groupByLength(sampling == SamplingStrategy.GROUP_BY_LENGTH);
        }
        return open(Split.TRAIN, order.build());
    }

    /**
     * The pairs of {@code side} in batches of similar length: sorted by length within a window of
     * {@link BatchConfig#bufferPairs()} pairs, not shuffled. For passes that keep their results
     * by pair index (the reference pass), where the order is free and padding is not.
     */
    public BatchStream byLength(Split side) throws IOException {
        return open(side, batching.toBuilder().groupByLength(true).build());
    }

    /** The batches of {@code split} in file order. */
    public BatchStream inOrder(Split side) throws IOException {
        return open(side, batching);
    }

    private BatchStream open(Split side, BatchConfig config) throws IOException {
        return BatchStream.open(path, preset, ReadOptions.lenient(), side == Split.TRAIN ? split::train : split::eval,
                template, tokenizer.encoder(), config);
    }

    /** Closes the tokenizer. */
    @Override
    public void close() {
        tokenizer.close();
    }
}
