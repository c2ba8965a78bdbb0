package dev.mopo.bench.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates policies by sampling responses to prompts and scoring them against a reference
 * policy's: what {@code mopo eval} and {@code mopo sweep} run.
 *
 * <pre>{@code
 * EvalSummary summary = Evaluation.run(
 *         List.of(new PolicySpec("mopo", Path.of("runs/a/checkpoint-000500"))),
 *         new PolicySpec("reference", Path.of("models/base")), settings, Path.of("eval-out"),
 *         new EvaluationListener() {});
 * double win = summary.policy("mopo").objectives().get("harmless").winRate().value();
 * }</pre>
 *
 * <p>An output folder holds, written as the work goes: {@code eval.json} (settings, policies),
 * {@code responses.jsonl}, {@code scores/SCORER.jsonl} and {@code samples.jsonl} (one line per scored
 * response: policy, prompt_index, sample_index, prompt, response, scores); then
 * {@code summary.json}, {@code summary.csv} and {@code report.html}. Running the same evaluation
 * again continues an interrupted one — no response is generated twice, none scored twice — and
 * may add policies; other changed settings are refused.
 */
public final class Evaluation {

    private Evaluation() {}

    /**
     * Generates, scores and summarises in {@code out}: {@link #runShard} of the whole evaluation, then
     * {@link #report}.
     *
     * @throws IllegalArgumentException one line for bad input (a policy folder without weights, a malformed
     *     prompt file, a mismatch with an earlier evaluation in {@code out}), before anything is generated
     * @throws dev.mopo.bench.score.ScorerException when a scorer fails; every finished sample is kept
     */
    public static EvalSummary run(List<PolicySpec> policies, PolicySpec reference, EvalSettings settings, Path out,
            EvaluationListener listener) throws IOException {
        List<PolicySpec> all = withReference(policies, reference);
        ShardRun.run(all, settings, Shard.WHOLE, out, listener);
        return report(List.of(out), reference.name(), names(policies), settings.bootstrap(), out);
    }

    /**
     * Generates and scores shard {@code shard} of the evaluation in {@code folder} (continuing what is
     * there). Each shard is a task of its own: shards run in any order, on any machine, and
     * {@link #report} gathers them.
     */
    public static void runShard(List<PolicySpec> policies, PolicySpec reference, EvalSettings settings, Shard shard,
            Path folder, EvaluationListener listener) throws IOException {
        ShardRun.run(withReference(policies, reference), settings, shard, folder, listener);
    }

    /**
     * Whether {@code folder} holds a finished shard: its {@code eval.json}, and every sample of its
     * share of the work generated and scored for every policy named there. False for a missing or
     * empty folder.
     *
     * @throws IllegalArgumentException when {@code eval.json} is there but unreadable
     */
    public static boolean shardFinished(Path folder) throws IOException {
        return EvalResults.finished(folder);
    }

    /**
     * Summarises the finished samples of {@code policies} and {@code reference} in the shard folders
     * (every shard of one evaluation) and writes {@code summary.json}, {@code summary.csv} and
     * {@code report.html} into {@code out}.
     *
     * @throws IllegalArgumentException when a shard is missing or unfinished
     */
    public static EvalSummary report(List<Path> shardFolders, String reference, List<String> policies,
            Bootstrap bootstrap, Path out) throws IOException {
        List<String> all = new ArrayList<>();
        all.add(reference);
        all.addAll(policies);
        EvalResults results = EvalResults.load(shardFolders, all);
        EvalSummary summary = EvalSummary.of(results, bootstrap);
        SummaryFiles.write(summary, out);
        HtmlReport.write(summary, results, out);
        return summary;
    }

    private static List<PolicySpec> withReference(List<PolicySpec> policies, PolicySpec reference) {
        List<PolicySpec> all = new ArrayList<>();
        all.add(reference);
        all.addAll(policies);
        Set<String> names = new HashSet<>();
        for (PolicySpec policy : all) {
            if (!names.add(policy.name())) {
                throw new IllegalArgumentException("two policies are named '" + policy.name() + "' (the reference is '"
                        + reference.name() + "')");
            }
        }
        return all;
    }

    private static List<String> names(List<PolicySpec> policies) {
        return policies.stream().map(PolicySpec::name).toList();
    }
}
