package dev.mopo.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mopo.bench.score.ScorerSpec;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.datasets.example.Prompt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code eval.json}: what an evaluation folder holds — where its prompts came from, the settings
 * that decide its responses and scores ({@link Identity}; a later run may continue the folder only
 * with the same ones), its shard, and every policy evaluated in it with its folder (a later run may
 * add policies).
 *
 * @param prompts where the prompts came from, for reports
 * @param settings the settings that decide the samples
 * @param shard the shard the folder holds
 * @param reference the reference policy's name
 * @param policies policy name → checkpoint folder, the reference first
 */
record EvalManifest(String prompts, Identity settings, Shard shard, String reference, Map<String, String> policies) {

    static final String FILE = "eval.json";

    /**
     * The settings that decide what an evaluation computes.
     *
     * @param promptCount the number of prompts
     * @param promptsSha256 SHA-256 over the prompt texts
     * @param samples samples per prompt
     * @param sampling sampling overrides
     * @param chatTemplate the chat template setting
     * @param maxPromptLength prompt tokens kept
     * @param seed the seed of the draws
     * @param batchSize generation batch size (it decides which draws go together)
     * @param scorers {@code NAME=DESCRIPTION} per scorer, in order
     */
    record Identity(int promptCount, String promptsSha256, int samples, Sampling sampling, String chatTemplate,
            int maxPromptLength, long seed, int batchSize, List<String> scorers) {

        Identity withScorers(List<String> replaced) {
            return new Identity(promptCount, promptsSha256, samples, sampling, chatTemplate, maxPromptLength, seed,
                    batchSize, replaced);
        }
    }

    /** The scorers before, each not yet {@code started} taking its description from {@code now} when named the same. */
    private static List<String> fixable(List<String> before, List<String> now, Set<String> started) {
        List<String> fixed = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            String entry = before.get(i);
            String name = entry.substring(0, entry.indexOf('='));
            boolean same = i < now.size() && now.get(i).startsWith(name + "=");
            fixed.add(same && !started.contains(name) ? now.get(i) : entry);
        }
        return fixed;
    }

    /** The manifest of an evaluation of {@code policies} (the reference first) on {@code prompts}. */
    static EvalManifest of(EvalSettings settings, List<Prompt> prompts, Shard shard, List<PolicySpec> policies) {
        List<String> scorers = new ArrayList<>();
        for (ScorerSpec scorer : settings.scorers()) {
            scorers.add(scorer.name() + "=" + scorer.describe());
        }
        Identity identity = new Identity(prompts.size(), digest(prompts), settings.samples(), settings.sampling(),
                settings.chatTemplate().key(), settings.maxPromptLength(), settings.seed(), settings.batchSize(), scorers);
        Map<String, String> folders = new LinkedHashMap<>();
        for (PolicySpec policy : policies) {
            folders.put(policy.name(), policy.folder().toString());
        }
        return new EvalManifest(settings.prompts().describe(), identity, shard, policies.get(0).name(), folders);
    }

    /** The manifest in {@code folder}, if it has one. */
    static EvalManifest read(Path folder) throws IOException {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(folder + " holds no evaluation (no " + FILE + ")");
        }
        try {
            return JsonLines.JSON.readValue(file.toFile(), EvalManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not an evaluation manifest (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")", e);
        }
    }

    /**
     * Records this manifest in {@code folder}, merged with the one already there: the settings, the
     * shard and the reference must be the same — except the description of a scorer that has scored
     * nothing yet (one that failed at once may be fixed) — a policy already there must have the same
     * folder, and new policies are added.
     *
     * @param started the names of the scorers that have scored something in the folder
     * @throws IllegalArgumentException one line listing what differs
     */
    void mergeInto(Path folder, Set<String> started) throws IOException {
        Path file = folder.resolve(FILE);
        EvalManifest merged = this;
        if (Files.isRegularFile(file)) {
            EvalManifest before = read(folder);
            List<String> changes = differences(JsonLines.JSON.valueToTree(before.settings.withScorers(
                    fixable(before.settings.scorers, settings.scorers, started))), JsonLines.JSON.valueToTree(settings),
                    "");
            if (!before.shard.equals(shard)) {
                changes.add("shard " + before.shard + " -> " + shard);
            }
            if (!before.reference.equals(reference)) {
                changes.add("reference " + before.reference + " -> " + reference);
            }
            Map<String, String> policies = new LinkedHashMap<>(before.policies);
            this.policies.forEach((name, path) -> {
                String earlier = policies.putIfAbsent(name, path);
                if (earlier != null && !earlier.equals(path)) {
                    changes.add("policy " + name + " " + earlier + " -> " + path);
                }
            });
            if (!changes.isEmpty()) {
                throw new IllegalArgumentException(folder + " holds an evaluation with other settings ("
                        + String.join(", ", changes) + "); continue it with its own settings (" + FILE
                        + ") or choose another output folder");
            }
            merged = new EvalManifest(prompts, settings, shard, reference, policies);
        }
        AtomicFiles.writeString(file, JsonLines.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(merged));
    }

    private static List<String> differences(JsonNode before, JsonNode now, String prefix) {
        List<String> changes = new ArrayList<>();
        for (Iterator<String> names = now.fieldNames(); names.hasNext();) {
            String name = names.next();
            JsonNode a = before.get(name);
            JsonNode b = now.get(name);
            if (a != null && a.isObject() && b.isObject()) {
                changes.addAll(differences(a, b, prefix + name + "."));
            } else if (!Objects.equals(a, b)) {
                changes.add(prefix + name + " " + a + " -> " + b);
            }
        }
        return changes;
    }

    private static String digest(List<Prompt> prompts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Prompt prompt : prompts) {
                digest.update(prompt.text().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
