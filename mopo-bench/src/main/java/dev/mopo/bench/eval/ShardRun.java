package dev.mopo.bench.eval;

import ai.djl.Device;
import dev.mopo.bench.score.ScoreRequest;
import dev.mopo.bench.score.Scorer;
import dev.mopo.bench.score.ScorerContext;
import dev.mopo.bench.score.ScorerException;
import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.djl.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates and scores one shard of an evaluation in its folder, continuing whatever an earlier run
 * left: first every policy's missing responses (one policy loaded at a time), then every scorer's
 * missing scores (one scorer open at a time). Cheap checks — policy folders, scorers, prompts, the
 * folder's earlier settings — come first, so that bad input fails before anything is generated.
 */
final class ShardRun {

    private final List<PolicySpec> policies;
    private final EvalSettings settings;
    private final EvaluationListener listener;

    private ShardRun(List<PolicySpec> policies, EvalSettings settings, EvaluationListener listener) {
        this.policies = policies;
        this.settings = settings;
        this.listener = listener;
    }

    /** Runs shard {@code shard} of the evaluation of {@code policies} (the reference first) in {@code folder}. */
    static void run(List<PolicySpec> policies, EvalSettings settings, Shard shard, Path folder,
            EvaluationListener listener) throws IOException {
        for (PolicySpec policy : policies) {
            policy.check();
        }
        for (ScorerSpec scorer : settings.scorers()) {
            scorer.check();
        }
        Device device = Devices.parse(settings.device());
        List<Prompt> prompts = settings.prompts().read(settings.maxPrompts());
        Files.createDirectories(folder);
        List<String> scorers = settings.scorers().stream().map(ScorerSpec::name).toList();
        EvalManifest.of(settings, prompts, shard, policies).mergeInto(folder, EvalLogs.startedScorers(folder));
        try (EvalLogs logs = EvalLogs.open(folder, scorers)) {
            ShardRun run = new ShardRun(policies, settings, listener);
            List<GenerationPlan.Batch> batches = new GenerationPlan(prompts.size(), settings.samples(),
                    settings.batchSize()).batches(shard);
            for (PolicySpec policy : policies) {
                run.generate(policy, prompts, batches, logs, device);
            }
            for (ScorerSpec scorer : settings.scorers()) {
                run.score(scorer, batches, logs, new ScorerContext(device, settings.batchSize()));
            }
        }
    }

    private void generate(PolicySpec policy, List<Prompt> prompts, List<GenerationPlan.Batch> batches, EvalLogs logs,
            Device device) throws IOException {
        int total = batches.stream().mapToInt(b -> b.pairs().size()).sum();
        List<GenerationPlan.Batch> missing = new ArrayList<>();
        int done = 0;
        for (GenerationPlan.Batch batch : batches) {
            int present = (int) batch.pairs().stream().filter(p -> logs.response(key(policy, p)) != null).count();
            done += present;
            if (present < batch.pairs().size()) {
                missing.add(batch);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PolicyGenerator generator = PolicyGenerator.open(policy, settings, settings.prompts().textTemplate(),
                device)) {
            if (settings.samples() > 1 && !generator.samples()) {
                listener.onWarning("policy '" + policy.name() + "' decodes greedily (its generation_config.json does"
                        + " not sample and no temperature was given): its " + settings.samples()
                        + " samples of a prompt are the same");
            }
            for (GenerationPlan.Batch batch : missing) {
                List<Prompt> batchPrompts = new ArrayList<>();
                for (int[] pair : batch.pairs()) {
                    batchPrompts.add(prompts.get(pair[0]));
                }
                List<String> responses = generator.generate(batchPrompts, batch.seed(settings.seed()));
                for (int i = 0; i < responses.size(); i++) {
                    int[] pair = batch.pairs().get(i);
                    if (logs.response(key(policy, pair)) == null) {
                        logs.addResponse(new Generated(policy.name(), pair[0], pair[1], prompts.get(pair[0]).text(),
                                responses.get(i)));
                        done++;
                    }
                }
                listener.onGenerated(policy.name(), done, total);
            }
        }
    }

    private void score(ScorerSpec spec, List<GenerationPlan.Batch> batches, EvalLogs logs, ScorerContext context)
            throws IOException {
        List<Generated> pending = new ArrayList<>();
        int total = 0;
        for (PolicySpec policy : policies) {
            for (GenerationPlan.Batch batch : batches) {
                for (int[] pair : batch.pairs()) {
                    total++;
                    SampleKey key = key(policy, pair);
                    if (!logs.scored(spec.name(), key)) {
                        pending.add(logs.response(key));
                    }
                }
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        int done = total - pending.size();
        try (Scorer scorer = spec.open(context)) {
            for (int start = 0; start < pending.size(); start += settings.batchSize()) {
                List<Generated> part = pending.subList(start, Math.min(pending.size(), start + settings.batchSize()));
                List<ScoreRequest> requests = new ArrayList<>(part.size());
                for (Generated response : part) {
                    requests.add(new ScoreRequest(response.prompt(), response.response()));
                }
                Map<String, double[]> scores;
                try {
                    scores = checked(spec.name(), scorer.score(requests), requests);
                } catch (ScorerException e) {
                    record(spec.name(), part, e.answered(), logs);
                    throw e;
                }
                record(spec.name(), part, scores, logs);
                done += part.size();
                listener.onScored(spec.name(), done, total);
            }
        } catch (ScorerException e) {
            int kept = logs.samples();
            throw new ScorerException(e.getMessage() + "; " + kept + (kept == 1 ? " finished sample is" : " finished"
                    + " samples are") + " kept in " + logs.samplesFile() + ", and running the evaluation again continues"
                    + " from there", Map.of(), e);
        }
    }

    /** Records the scores of the first responses of {@code part} that {@code scores} has columns for. */
    private static void record(String scorer, List<Generated> part, Map<String, double[]> scores, EvalLogs logs) {
        int answered = scores.values().stream().mapToInt(column -> column.length).min().orElse(0);
        for (int i = 0; i < Math.min(answered, part.size()); i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, double[]> column : scores.entrySet()) {
                values.put(column.getKey(), column.getValue()[i]);
            }
            Generated response = part.get(i);
            logs.addScores(scorer, new Scored(response.policy(), response.promptIndex(), response.sampleIndex(),
                    values));
        }
    }

    /** The scores, checked: at least one objective, one finite score per request each. */
    private static Map<String, double[]> checked(String scorer, Map<String, double[]> scores,
            List<ScoreRequest> requests) throws ScorerException {
        if (scores.isEmpty()) {
            throw new ScorerException("scorer '" + scorer + "' returned no objective for the batch starting with "
                    + requests.get(0).describe());
        }
        for (Map.Entry<String, double[]> column : scores.entrySet()) {
            double[] values = column.getValue();
            if (values.length != requests.size()) {
                throw new ScorerException("scorer '" + scorer + "' returned " + values.length + " scores of '"
                        + column.getKey() + "' for " + requests.size() + " requests");
            }
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) {
                    throw new ScorerException("scorer '" + scorer + "' scored '" + column.getKey() + "' " + values[i]
                            + " for " + requests.get(i).describe() + "; scores must be finite");
                }
            }
        }
        return scores;
    }

    private static SampleKey key(PolicySpec policy, int[] pair) {
        return new SampleKey(policy.name(), pair[0], pair[1]);
    }
}
