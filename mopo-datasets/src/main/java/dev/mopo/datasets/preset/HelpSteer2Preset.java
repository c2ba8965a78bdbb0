package dev.mopo.datasets.preset;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.example.ChatMessage;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.example.Prompt;
import dev.mopo.datasets.reject.RejectReason;
import dev.mopo.datasets.reject.Rejection;
import dev.mopo.datasets.source.ColumnKind;
import dev.mopo.datasets.source.SourceRow;
import dev.mopo.datasets.source.Values;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * nvidia/HelpSteer2: one response per row with integer scores 0–4 for helpfulness,
 * correctness, coherence, complexity and verbosity; consecutive rows share a prompt. Pairing is
 * greedy over the rows that pass the field checks: a row pairs with the next one when their
 * prompts are equal (a = the first), otherwise it is rejected as {@code unpairable_row} and
 * pairing resumes at the next row. Each attribute's outcome is the sign of the score
 * difference (complexity and verbosity too, although more is not better there). Multi-turn
 * prompts ({@code <extra_id_1>User} / {@code <extra_id_1>Assistant} turns) become chat turns.
 */
public final class HelpSteer2Preset implements Preset {

    /** The preset's name. */
    public static final String NAME = "helpsteer2";

    /** The scored attributes, in the dataset's order. */
    public static final List<String> ATTRIBUTES =
            List.of("helpfulness", "correctness", "coherence", "complexity", "verbosity");

    private static final ObjectiveSet OBJECTIVES = ObjectiveSet.of(ATTRIBUTES);
    private static final Pattern TURN = Pattern.compile("\n<extra_id_1>(User|Assistant)\n");
    private static final Map<String, ColumnKind> REQUIRED = required();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectiveSet objectives() {
        return OBJECTIVES;
    }

    @Override
    public Map<String, ColumnKind> requiredColumns() {
        return REQUIRED;
    }

    @Override
    public PairAssembler newAssembler() {
        return new Pairing();
    }

    /** What a row contributes to a pair, copied out of the (short-lived) record. */
    private record Response(Path file, long row, String prompt, String response, long[] scores) {

        static Response of(SourceRow row) {
            long[] scores = new long[ATTRIBUTES.size()];
            for (int k = 0; k < scores.length; k++) {
                scores[k] = row.record().integer(ATTRIBUTES.get(k));
            }
            return new Response(row.file(), row.row(), row.record().text("prompt"),
                    row.record().text("response"), scores);
        }
    }

    private static final class Pairing implements PairAssembler {

        private Response pending;

        @Override
        public void accept(SourceRow row, PairSink sink) {
            Response current = Response.of(row);
            if (pending == null) {
                pending = current;
            } else if (pending.prompt().equals(current.prompt())) {
                pair(pending, current, sink);
                pending = null;
            } else {
                sink.reject(unpairable(pending, "the next row (" + current.row() + ") has a different prompt"));
                pending = current;
            }
        }

        @Override
        public void finish(PairSink sink) {
            if (pending != null) {
                sink.reject(unpairable(pending, "it is the last row and has no partner"));
                pending = null;
            }
        }

        private static Rejection unpairable(Response lone, String why) {
            return new Rejection(lone.file(), lone.row(), RejectReason.UNPAIRABLE_ROW,
                    "no response to pair with for prompt " + Values.quote(lone.prompt()) + ": " + why);
        }

        private static void pair(Response a, Response b, PairSink sink) {
            Rejection bad = null;
            if (a.response().strip().isEmpty() || b.response().strip().isEmpty()) {
                Response empty = a.response().strip().isEmpty() ? a : b;
                bad = new Rejection(a.file(), a.row(), RejectReason.EMPTY_RESPONSE,
                        "'response' of row " + (empty.row() + 1) + " is empty or whitespace only: "
                                + Values.quote(empty.response()));
            } else if (Responses.same(a.response(), b.response())) {
                bad = new Rejection(a.file(), a.row(), RejectReason.IDENTICAL_RESPONSES,
                        "rows " + (a.row() + 1) + " and " + (b.row() + 1) + " have the same 'response': "
                                + Values.quote(a.response()));
            }
            if (bad != null) {
                sink.reject(bad);
                return;
            }
            int k = ATTRIBUTES.size();
            List<Outcome> outcomes = new ArrayList<>(k);
            double[] scoresA = new double[k];
            double[] scoresB = new double[k];
            for (int i = 0; i < k; i++) {
                outcomes.add(Outcomes.compare(a.scores()[i], b.scores()[i]));
                scoresA[i] = a.scores()[i];
                scoresB[i] = b.scores()[i];
            }
            Prompt prompt = new Prompt(a.prompt(), turns(a.prompt()));
            sink.keep(PreferenceExample.withScores(prompt, a.response(), b.response(), outcomes,
                    scoresA, scoresB, a.file(), a.row(), b.row()));
        }
    }

    /** The chat turns of a HelpSteer2 prompt: the text before the first marker is a user turn. */
    static List<ChatMessage> turns(String prompt) {
        List<ChatMessage> turns = new ArrayList<>();
        Matcher marker = TURN.matcher(prompt);
        int start = 0;
        String role = ChatMessage.USER;
        while (marker.find()) {
            turns.add(new ChatMessage(role, prompt.substring(start, marker.start())));
            role = "User".equals(marker.group(1)) ? ChatMessage.USER : ChatMessage.ASSISTANT;
            start = marker.end();
        }
        turns.add(new ChatMessage(role, prompt.substring(start)));
        return turns;
    }

    private static Map<String, ColumnKind> required() {
        RequiredColumns columns = new RequiredColumns()
                .add("prompt", ColumnKind.TEXT)
                .add("response", ColumnKind.TEXT);
        for (String attribute : ATTRIBUTES) {
            columns.add(attribute, ColumnKind.INTEGER);
        }
        return columns.build();
    }
}
