package dev.mopo.bench.demo;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.mopo.core.objective.Objective;
import dev.mopo.datasets.batch.PairTokenizer;
import dev.mopo.datasets.batch.TokenLimits;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.template.RawTextTemplate;
import dev.mopo.datasets.tokenizer.HfTokenizer;
import dev.mopo.djl.generate.GenerationConfig;
import dev.mopo.djl.generate.Generator;
import dev.mopo.djl.model.CausalLm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Scores a policy with the same programmatic objectives that labelled its data: for each
 * held-out question (its prompt encoded exactly as training encoded it, the {@code none} template)
 * it samples an answer from the policy and one from {@code μ}, and each
 * objective's win rate is the mean of {@code I_k} (1 win, ½ tie, 0 loss) — the {@code P_k(π)} of
 * the specification, estimated by sampling.
 *
 * @param winRates {@code P_k} per objective, in {@link ArithmeticTask#OBJECTIVES} order
 * @param correctRate the fraction of the policy's answers that state the true sum
 * @param meanLength the mean length of the policy's answers, in characters
 * @param samples a few (question, answer) examples for the report
 */
record PolicyEvaluation(double[] winRates, double correctRate, double meanLength, List<String> samples) {

    /** Evaluates the checkpoint in {@code folder} on {@code questions} questions (seeded). */
    static PolicyEvaluation of(Path folder, int questions, long seed) throws IOException {
        Random random = new Random(seed);
        List<Question> asked = new ArrayList<>();
        List<long[]> prompts = new ArrayList<>();
        try (HfTokenizer tokenizer = HfTokenizer.load(folder);
                CausalLm model = CausalLm.load(folder, Device.cpu(), DataType.FLOAT32)) {
            PairTokenizer training = new PairTokenizer(RawTextTemplate.INSTANCE, tokenizer.encoder(), TokenLimits.DEFAULT,
                    rejection -> { });
            for (int i = 0; i < questions; i++) {
                Question question = ArithmeticTask.question(random);
                asked.add(question);
                prompts.add(Arrays.stream(training.promptIds(Prompt.of(question.prompt()))).asLongStream().toArray());
            }
            long eos = tokenizer.specialTokens().eos().orElseThrow().id();
            long pad = tokenizer.specialTokens().pad().orElseThrow().id();
            GenerationConfig sampling = GenerationConfig.sampling(48, 1.0, 1.0, seed, List.of(eos), pad);
            Generator generator = new Generator(model);
            List<String> answers = new ArrayList<>();
            int chunk = 64;
            for (int start = 0; start < prompts.size(); start += chunk) {
                List<long[]> part = prompts.subList(start, Math.min(prompts.size(), start + chunk));
                for (long[] continuation : generator.generate(part, sampling)) {
                    answers.add(tokenizer.decode(continuation, true).strip());
                }
            }
            return score(asked, answers, random);
        }
    }

    private static PolicyEvaluation score(List<Question> questions, List<String> answers, Random random) {
        int k = ArithmeticTask.OBJECTIVES.size();
        double[] wins = new double[k];
        double correct = 0;
        double length = 0;
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Question question = questions.get(i);
            String answer = answers.get(i);
            Exchange versusData = new Exchange(question, answer, ArithmeticTask.answer(question, random));
            for (int j = 0; j < k; j++) {
                Objective<Exchange> objective = ArithmeticTask.OBJECTIVES.get(j);
                wins[j] += objective.compare(versusData).indicator();
            }
            correct += ArithmeticTask.score(question, answer);
            length += answer.length();
            if (samples.size() < 6) {
                samples.add(question.prompt().strip() + " -> " + answer);
            }
        }
        int n = questions.size();
        for (int j = 0; j < k; j++) {
            wins[j] /= n;
        }
        return new PolicyEvaluation(wins, correct / n, length / n, samples);
    }
}
