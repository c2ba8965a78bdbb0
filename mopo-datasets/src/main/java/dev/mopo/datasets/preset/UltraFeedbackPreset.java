package dev.mopo.datasets.preset;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.ColumnKind;
import dev.mopo.datasets.source.Record;
import dev.mopo.datasets.source.SourceRow;
import dev.mopo.datasets.source.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * openbmb/UltraFeedback: each row is an {@code instruction} and a list of {@code completions},
 * each rated per aspect ({@code annotations.<aspect>.Rating}, a string {@code "1"}…{@code "5"}
 * or {@code "N/A"}). The ranking aspect (the primary objective, helpfulness by default) picks
 * the pairs; every aspect's outcome is the sign of the rating difference, 0 on a tie or when
 * either rating is missing. Struct fields are bound by name, and an aspect given as a list of
 * one rating object (the original GitHub release) is read like the hub's plain struct.
 */
public final class UltraFeedbackPreset implements Preset {

    /** The preset's name. */
    public static final String NAME = "ultrafeedback";

    /** The rated aspects, in the hub's order. */
    public static final List<String> ASPECTS =
            List.of("helpfulness", "honesty", "instruction_following", "truthfulness");

    /** How pairs are drawn from the completions of one row. */
    public enum Strategy {
        /**
         * One pair: a = the first completion with the highest rating on the ranking aspect,
         * b = the last with the lowest (two distinct completions even when all tie).
         */
        BEST_VS_WORST,
        /** Every pair {@code (i, j)}, {@code i < j}, of completions rated on the ranking aspect. */
        ALL_PAIRS,
        /** One pair of distinct rated completions drawn at random, seeded per instruction. */
        RANDOM;

        /** The strategy for a command-line name: {@code best-vs-worst}, {@code all-pairs}, {@code random}. */
        public static Strategy parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ultrafeedback strategy must be best-vs-worst, all-pairs or "
                        + "random, got '" + name + "'", e);
            }
        }
    }

    private static final Map<String, ColumnKind> REQUIRED = new RequiredColumns()
            .add("instruction", ColumnKind.TEXT)
            .add("completions", ColumnKind.LIST)
            .build();

    private final Strategy strategy;
    private final ObjectiveSet objectives;
    private final long seed;

    /**
     * @param strategy how pairs are drawn
     * @param rankBy the aspect that ranks completions; it becomes the primary objective and the
     *     other aspects follow in the hub's order
     * @param seed the seed of {@link Strategy#RANDOM}
     */
    public UltraFeedbackPreset(Strategy strategy, String rankBy, long seed) {
        if (!ASPECTS.contains(rankBy)) {
            throw new IllegalArgumentException("ultrafeedback rank_by must be one of " + ASPECTS + ", got '"
                    + rankBy + "'");
        }
        List<String> order = new ArrayList<>();
        order.add(rankBy);
        for (String aspect : ASPECTS) {
            if (!aspect.equals(rankBy)) {
                order.add(aspect);
            }
        }
        this.strategy = strategy;
        this.objectives = ObjectiveSet.of(order);
        this.seed = seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectiveSet objectives() {
        return objectives;
    }

    @Override
    public Map<String, ColumnKind> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public PairAssembler newAssembler() {
        return this::assemble;
    }

    private void assemble(SourceRow row, PairSink sink) {
        List<Record> completions = row.record().records("completions");
        int k = objectives.size();
        Integer[][] ratings = new Integer[completions.size()][k];
        List<Integer> rated = new ArrayList<>();
        for (int c = 0; c < completions.size(); c++) {
            for (int o = 0; o < k; o++) {
                ratings[c][o] = rating(completions.get(c), objectives.name(o));
            }
            if (ratings[c][0] != null) {
                rated.add(c);
            }
        }
        if (rated.size() < 2) {
            sink.reject(new Rejection(row.file(), row.row(), RejectReason.INSUFFICIENT_COMPLETIONS,
                    rated.size() + " of " + completions.size() + " completions have an integer '"
                            + objectives.primary() + "' rating; a pair needs two"));
            return;
        }
        String instruction = row.record().text("instruction");
        for (int[] pair : pairs(rated, ratings, instruction)) {
            emit(row, sink, instruction, completions, ratings, pair[0], pair[1]);
        }
    }

    private List<int[]> pairs(List<Integer> rated, Integer[][] ratings, String instruction) {
        List<int[]> pairs = new ArrayList<>();
        switch (strategy) {
            case BEST_VS_WORST: {
                int best = rated.get(0);
                int worst = rated.get(0);
                for (int c : rated) {
                    if (ratings[c][0] > ratings[best][0]) {
                        best = c;
                    }
                    if (ratings[c][0] <= ratings[worst][0]) {
                        worst = c;
                    }
                }
                pairs.add(new int[] {best, worst});
                break;
            }
            case ALL_PAIRS:
                for (int i = 0; i < rated.size(); i++) {
                    for (int j = i + 1; j < rated.size(); j++) {
                        pairs.add(new int[] {rated.get(i), rated.get(j)});
                    }
                }
                break;
            case RANDOM: {
                SplittableRandom random = new SplittableRandom(seed ^ instruction.hashCode() * 0x9E3779B97F4A7C15L);
                int first = random.nextInt(rated.size());
                int second = random.nextInt(rated.size() - 1);
                if (second >= first) {
                    second++;
                }
                pairs.add(new int[] {rated.get(first), rated.get(second)});
                break;
            }
            default:
                throw new AssertionError(strategy);
        }
        return pairs;
    }

    private void emit(SourceRow row, PairSink sink, String instruction, List<Record> completions,
            Integer[][] ratings, int a, int b) {
        String nameA = "completions[" + a + "].response";
        String nameB = "completions[" + b + "].response";
        Rejection bad = responseProblem(row, completions.get(a), nameA);
        if (bad == null) {
            bad = responseProblem(row, completions.get(b), nameB);
        }
        if (bad != null) {
            sink.reject(bad);
            return;
        }
        String responseA = completions.get(a).text("response");
        String responseB = completions.get(b).text("response");
        bad = Responses.check(row, nameA, responseA, nameB, responseB);
        if (bad != null) {
            sink.reject(bad);
            return;
        }
        int k = objectives.size();
        List<Outcome> outcomes = new ArrayList<>(k);
        double[] scoresA = new double[k];
        double[] scoresB = new double[k];
        for (int o = 0; o < k; o++) {
            Integer ra = ratings[a][o];
            Integer rb = ratings[b][o];
            outcomes.add(ra == null || rb == null ? Outcome.TIE : Outcomes.compare(ra, rb));
            scoresA[o] = ra == null ? Double.NaN : ra;
            scoresB[o] = rb == null ? Double.NaN : rb;
        }
        sink.keep(PreferenceExample.withScores(Prompt.of(instruction), responseA, responseB, outcomes,
                scoresA, scoresB, row.file(), row.row()));
    }

    private static Rejection responseProblem(SourceRow row, Record completion, String name) {
        ValueType type = completion.type("response");
        if (type == ValueType.NULL) {
            return new Rejection(row.file(), row.row(), RejectReason.NULL_FIELD, "'" + name + "' is null");
        }
        if (type != ValueType.TEXT) {
            return new Rejection(row.file(), row.row(), RejectReason.WRONG_TYPE,
                    "'" + name + "' is " + completion.describe("response") + ", expected a string");
        }
        return null;
    }

    /**
     * The integer rating of one aspect of a completion, or null when it is missing, "N/A" or
     * anything else that is not an integer.
     */
    static Integer rating(Record completion, String aspect) {
        if (completion == null || completion.type("annotations") != ValueType.RECORD) {
            return null;
        }
        Record annotations = completion.record("annotations");
        Record judgement;
        switch (annotations.type(aspect)) {
            case RECORD:
                judgement = annotations.record(aspect);
                break;
            case LIST:
                List<Record> list = annotations.elementType(aspect) == ValueType.RECORD
                        ? annotations.records(aspect) : List.of();
                judgement = list.isEmpty() ? null : list.get(0);
                break;
            default:
                return null;
        }
        if (judgement == null) {
            return null;
        }
        switch (judgement.type("Rating")) {
            case TEXT:
                try {
                    return Integer.parseInt(judgement.text("Rating").trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            case INTEGER:
                return Math.toIntExact(judgement.integer("Rating"));
            default:
                return null;
        }
    }
}
