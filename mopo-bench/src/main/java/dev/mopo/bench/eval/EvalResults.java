package dev.mopo.bench.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The finished samples of an evaluation, gathered from its shard folders (one folder when it was not
 * sharded) for the policies a summary covers, and checked to be complete: every policy has every
 * sample of every prompt, scored under the same objectives.
 */
final class EvalResults {

    private final EvalManifest manifest;
    private final List<String> policies;
    private final List<String> objectives;
    private final Map<SampleKey, Sample> samples;

    private EvalResults(EvalManifest manifest, List<String> policies, List<String> objectives,
            Map<SampleKey, Sample> samples) {
        this.manifest = manifest;
        this.policies = policies;
        this.objectives = objectives;
        this.samples = samples;
    }

    /**
     * The samples of {@code policies} (the reference first) in the shard folders {@code folders}.
     *
     * @throws IllegalArgumentException when the folders are not the shards of one evaluation, or a
     *     policy's samples are incomplete (naming the folder to run again)
     */
    static EvalResults load(List<Path> folders, List<String> policies) throws IOException {
        EvalManifest first = EvalManifest.read(folders.get(0));
        if (!first.reference().equals(policies.get(0))) {
            throw new IllegalArgumentException(folders.get(0) + " was evaluated against the reference '"
                    + first.reference() + "', not '" + policies.get(0) + "'");
        }
        Set<Integer> shards = new TreeSet<>();
        Map<SampleKey, Sample> samples = new HashMap<>();
        for (Path folder : folders) {
            EvalManifest manifest = EvalManifest.read(folder);
            if (!manifest.settings().equals(first.settings()) || manifest.shard().count() != folders.size()
                    || !shards.add(manifest.shard().index())) {
                throw new IllegalArgumentException(folder + " is not one of the " + folders.size() + " shards of the"
                        + " evaluation in " + folders.get(0));
            }
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (Sample sample : JsonLines.read(folder.resolve(EvalLogs.SAMPLES), Sample.class)) {
                if (policies.contains(sample.policy())) {
                    samples.put(sample.key(), sample);
                    counts.merge(sample.policy(), 1, Integer::sum);
                }
            }
            int expected = expected(first, manifest.shard());
            for (String policy : policies) {
                int finished = counts.getOrDefault(policy, 0);
                if (finished != expected) {
                    throw new IllegalArgumentException(folder + ": policy '" + policy + "' has " + finished + " of "
                            + expected + " samples finished; run its evaluation (shard " + manifest.shard()
                            + ") again to finish it");
                }
            }
        }
        List<String> objectives = new ArrayList<>(samples.get(new SampleKey(policies.get(0), 0, 0)).scores().keySet());
        for (Sample sample : samples.values()) {
            if (!new ArrayList<>(sample.scores().keySet()).equals(objectives)) {
                throw new IllegalArgumentException("sample " + sample.sampleIndex() + " of prompt " + sample.promptIndex()
                        + " of policy '" + sample.policy() + "' is scored under " + sample.scores().keySet()
                        + ", the others under " + objectives);
            }
        }
        return new EvalResults(first, List.copyOf(policies), List.copyOf(objectives), samples);
    }

    /**
     * Whether {@code folder} holds a shard whose every policy has every sample finished: false for a
     * folder without {@code eval.json}.
     */
    static boolean finished(Path folder) throws IOException {
        if (!Files.isRegularFile(folder.resolve(EvalManifest.FILE))) {
            return false;
        }
        EvalManifest manifest = EvalManifest.read(folder);
        Map<String, Integer> counts = new HashMap<>();
        for (Sample sample : JsonLines.read(folder.resolve(EvalLogs.SAMPLES), Sample.class)) {
            counts.merge(sample.policy(), 1, Integer::sum);
        }
        int expected = expected(manifest, manifest.shard());
        return manifest.policies().keySet().stream().allMatch(policy -> counts.getOrDefault(policy, 0) == expected);
    }

    /** The samples shard {@code shard} holds per policy. */
    private static int expected(EvalManifest manifest, Shard shard) {
        GenerationPlan plan = new GenerationPlan(manifest.settings().promptCount(), manifest.settings().samples(),
                manifest.settings().batchSize());
        return plan.batches(shard).stream().mapToInt(b -> b.pairs().size()).sum();
    }

    /** The manifest of the first shard: prompts, settings, policy folders. */
    EvalManifest manifest() {
        return manifest;
    }

    /** The policies, the reference first. */
    List<String> policies() {
        return policies;
    }

    /** The objectives, in the scorers' order. */
    List<String> objectives() {
        return objectives;
    }

    /** Sample {@code sample} of prompt {@code prompt} by {@code policy}. */
    Sample sample(String policy, int prompt, int sample) {
        return samples.get(new SampleKey(policy, prompt, sample));
    }

    /** A policy's scores under {@code objective}, {@code [prompts][samples]}. */
    double[][] scores(String policy, String objective) {
        int prompts = manifest.settings().promptCount();
        int perPrompt = manifest.settings().samples();
        double[][] scores = new double[prompts][perPrompt];
        for (int p = 0; p < prompts; p++) {
            for (int s = 0; s < perPrompt; s++) {
                scores[p][s] = sample(policy, p, s).scores().get(objective);
            }
        }
        return scores;
    }
}
