package dev.mopo.datasets.preset;

import dev.mopo.core.objective.ObjectiveSet;
import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.example.ChatMessage;
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
import java.util.Map;

/**
 * Any corpus with one pair per row, described by a {@link ColumnMapping}: a prompt column
 * (a string, or a list of {@code {role, content}} messages), two response columns, and per
 * objective either a label column ({@code +1} a preferred, {@code -1} b preferred, {@code 0}
 * none) or a score column per response (outcome = sign of the difference, compared exactly;
 * NaN is an invalid outcome).
 */
public final class GenericPreset implements Preset {

    /** The preset's name. */
    public static final String NAME = "generic";

    private final ColumnMapping mapping;
    private final Map<String, ColumnKind> required;
    /** Per objective, in order: its label column, or its two score columns (names built once, not per row). */
    private final List<String> labelColumns = new ArrayList<>();
    private final List<String> scoreColumnsA = new ArrayList<>();
    private final List<String> scoreColumnsB = new ArrayList<>();

    /** A generic preset over the given columns. */
    public GenericPreset(ColumnMapping mapping) {
        this.mapping = mapping;
        RequiredColumns columns = new RequiredColumns()
                .add(mapping.prompt(), ColumnKind.TEXT_OR_LIST)
                .add(mapping.responseA(), ColumnKind.TEXT)
                .add(mapping.responseB(), ColumnKind.TEXT);
        for (String objective : mapping.objectives().names()) {
            if (mapping.mode() == ColumnMapping.Mode.LABELS) {
                labelColumns.add(mapping.labelColumn(objective));
                columns.add(mapping.labelColumn(objective), ColumnKind.INTEGER);
            } else {
                scoreColumnsA.add(mapping.scoreColumnA(objective));
                scoreColumnsB.add(mapping.scoreColumnB(objective));
                columns.add(mapping.scoreColumnA(objective), ColumnKind.NUMBER);
                columns.add(mapping.scoreColumnB(objective), ColumnKind.NUMBER);
            }
        }
        this.required = columns.build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectiveSet objectives() {
        return mapping.objectives();
    }

    @Override
    public Map<String, ColumnKind> requiredColumns() {
        return required;
    }

    @Override
    public PairAssembler newAssembler() {
        return this::assemble;
    }

    private void assemble(SourceRow row, PairSink sink) {
        Record record = row.record();
        Prompt prompt = record.type(mapping.prompt()) == ValueType.TEXT
                ? Prompt.of(record.text(mapping.prompt()))
                : messages(row, sink);
        if (prompt == null) {
            return;
        }
        String a = record.text(mapping.responseA());
        String b = record.text(mapping.responseB());
        Rejection bad = Responses.check(row, mapping.responseA(), a, mapping.responseB(), b);
        if (bad != null) {
            sink.reject(bad);
        } else if (mapping.mode() == ColumnMapping.Mode.LABELS) {
            labels(row, prompt, a, b, sink);
        } else {
            scores(row, prompt, a, b, sink);
        }
    }

    private void labels(SourceRow row, Prompt prompt, String a, String b, PairSink sink) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String column : labelColumns) {
            long label = row.record().integer(column);
            if (label < -1 || label > 1) {
                sink.reject(new Rejection(row.file(), row.row(), RejectReason.INVALID_OUTCOME,
                        "'" + column + "' is " + label + ", expected -1, 0 or 1"));
                return;
            }
            outcomes.add(Outcome.ofSign((int) label));
        }
        sink.keep(PreferenceExample.of(prompt, a, b, outcomes, row.file(), row.row()));
    }

    private void scores(SourceRow row, Prompt prompt, String a, String b, PairSink sink) {
        int k = mapping.objectives().size();
        List<Outcome> outcomes = new ArrayList<>(k);
        double[] scoresA = new double[k];
        double[] scoresB = new double[k];
        for (int i = 0; i < k; i++) {
            String objective = mapping.objectives().name(i);
            String columnA = scoreColumnsA.get(i);
            String columnB = scoreColumnsB.get(i);
            scoresA[i] = row.record().number(columnA);
            scoresB[i] = row.record().number(columnB);
            if (Double.isNaN(scoresA[i]) || Double.isNaN(scoresB[i])) {
                String column = Double.isNaN(scoresA[i]) ? columnA : columnB;
                sink.reject(new Rejection(row.file(), row.row(), RejectReason.INVALID_OUTCOME,
                        "'" + column + "' is NaN, so '" + objective + "' cannot compare the responses"));
                return;
            }
            outcomes.add(Outcome.ofScores(scoresA[i], scoresB[i]));
        }
        sink.keep(PreferenceExample.withScores(prompt, a, b, outcomes, scoresA, scoresB, row.file(),
                row.row()));
    }

    /**
     * A prompt from a list of {@code {role, content}} records ending with a user turn, or null
     * after rejecting the row as {@code wrong_type}. Its text is the turns as
     * {@code role: content} paragraphs.
     */
    private Prompt messages(SourceRow row, PairSink sink) {
        String column = mapping.prompt();
        List<ChatMessage> turns = new ArrayList<>();
        boolean wellFormed = row.record().elementType(column) == ValueType.RECORD;
        if (wellFormed) {
            for (Record message : row.record().records(column)) {
                if (message == null || message.type("role") != ValueType.TEXT
                        || message.type("content") != ValueType.TEXT) {
                    wellFormed = false;
                    break;
                }
                turns.add(new ChatMessage(message.text("role"), message.text("content")));
            }
        }
        if (!wellFormed || turns.isEmpty() || !ChatMessage.USER.equals(turns.get(turns.size() - 1).role())) {
            sink.reject(new Rejection(row.file(), row.row(), RejectReason.WRONG_TYPE, "'" + column
                    + "' must be a string or a list of {role, content} messages ending with a user turn, got "
                    + row.record().describe(column)));
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (ChatMessage turn : turns) {
            text.append(text.length() == 0 ? "" : "\n\n").append(turn.role()).append(": ").append(turn.content());
        }
        return new Prompt(text.toString(), turns);
    }
}
