package dev.mopo.cli.eval;

import dev.mopo.bench.eval.EvalSettings;
import dev.mopo.bench.eval.EvalSummary;
import dev.mopo.bench.eval.Evaluation;
import dev.mopo.bench.eval.PolicySpec;
import dev.mopo.bench.eval.Shard;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mopo eval}: sample responses from policies and score them against a reference policy's. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        customSynopsis = "mopo eval --policy NAME=DIR... --reference DIR (--prompts FILE | --dataset-preset P"
                + " --dataset-path F [--split S]) --scorer SCORER... --output DIR [OPTIONS]",
        description = {"Evaluate policies: sample responses to prompts (encoded as training encodes them; batched, with"
                + " the KV cache, seeded), score them with reward models, Java scorers or external commands, and"
                + " compare each policy's response with the reference policy's to the same prompt and sample index.",
            "Writes to --output as it goes: responses.jsonl, scores/SCORER.jsonl, samples.jsonl (policy, prompt_index,"
                + " sample_index, prompt, response, scores); then summary.json, summary.csv (mean score and win rate"
                + " per policy and objective with bootstrap intervals over prompts, the non-dominated policies and"
                + " their hypervolume) and report.html (self-contained: plots, training curves, sample responses)."
                + " Running the same command again continues an interrupted evaluation; nothing is generated or"
                + " scored twice.",
            "With --shard I/N the command does shard I (from 0) of N of the work, in OUT/shards/I-of-N: each shard runs"
                + " by itself (one per GPU or cluster task, with the same flags); the shard that completes the set"
                + " writes the summary into OUT, equal to what one process writes, and running any shard's command"
                + " again writes it too."})
public final class EvalCommand implements Callable<Integer> {

    @Option(names = "--policy", paramLabel = "NAME=DIR", required = true, order = 1,
            description = "A policy to evaluate, repeatable: a checkpoint folder (e.g. runs/a/checkpoint-000500).")
    private Map<String, Path> policies = new LinkedHashMap<>();

    @Option(names = "--reference", paramLabel = "DIR", required = true, order = 2,
            description = "The reference policy (evaluated too, as 'reference'): win rates are against its responses.")
    private Path reference;

    @Option(names = {"--output", "--out"}, paramLabel = "DIR", order = 3,
            description = "Output folder; an earlier evaluation there is continued (same settings; policies may be"
                    + " added) (required).")
    private Path out;

    @Option(names = "--shard", paramLabel = "I/N", order = 4,
            description = "Do shard I (from 0) of N of the work only; see above (default: all of it).")
    private String shard;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EvalOptions options = new EvalOptions();

    @Override
    public Integer call() throws Exception {
        if (out == null) {
            throw new ParameterException(spec.commandLine(), "Missing required option: '--output=DIR'");
        }
        EvalSettings.Builder builder = EvalSettings.builder();
        options.applyTo(builder, Path.of("").toAbsolutePath(), null);
        EvalSettings settings = builder.build();
        List<PolicySpec> evaluated = new ArrayList<>();
        policies.forEach((name, folder) -> evaluated.add(new PolicySpec(name, folder)));
        PolicySpec referencePolicy = new PolicySpec("reference", reference);
        EvalSummary summary;
        if (shard == null) {
            summary = Evaluation.run(evaluated, referencePolicy, settings, out, new ConsoleEvaluation());
        } else {
            summary = runShard(evaluated, referencePolicy, settings);
            if (summary == null) {
                return 0;
            }
        }
        ConsoleEvaluation.print(summary, System.out);
        System.out.println("report: " + out.resolve("report.html"));
        return 0;
    }

    /** Runs shard {@link #shard}; the summary when every shard has finished, else null (after saying so). */
    private EvalSummary runShard(List<PolicySpec> evaluated, PolicySpec referencePolicy, EvalSettings settings)
            throws IOException {
        Shard mine;
        try {
            mine = Shard.parse(shard);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--shard: " + e.getMessage(), e);
        }
        Evaluation.runShard(evaluated, referencePolicy, settings, mine, shardFolder(mine), new ConsoleEvaluation());
        List<Path> folders = new ArrayList<>();
        int finished = 0;
        for (int i = 0; i < mine.count(); i++) {
            Path folder = shardFolder(new Shard(i, mine.count()));
            folders.add(folder);
            finished += Evaluation.shardFinished(folder) ? 1 : 0;
        }
        if (finished < mine.count()) {
            System.out.println("shard " + mine + " finished in " + shardFolder(mine) + "; " + finished + " of "
                    + mine.count() + " shards have finished, and the last to finish writes the summary into " + out);
            return null;
        }
        return Evaluation.report(folders, referencePolicy.name(), evaluated.stream().map(PolicySpec::name).toList(),
                settings.bootstrap(), out);
    }

    private Path shardFolder(Shard of) {
        return out.resolve("shards").resolve(of.toString());
    }
}
