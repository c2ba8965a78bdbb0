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
import dev.mopo.datasets.template.TemplateChoice;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PKU-Alignment/PKU-SafeRLHF: each row is a prompt with {@code response_0} (a) and
 * {@code response_1} (b), the more helpful one named by {@code better_response_id} and the
 * more harmless one by {@code safer_response_id}. Objectives: helpfulness (primary) and
 * harmlessness. When {@code is_response_0_safe} and {@code is_response_1_safe} are present, they
 * become the responses' harmlessness scores (1 safe, 0 unsafe).
 */
public final class PkuSafeRlhfPreset implements Preset {

    /** The preset's name. */
    public static final String NAME = "pku-safe-rlhf";

    private static final ObjectiveSet OBJECTIVES = ObjectiveSet.of("helpfulness", "harmlessness");
    private static final Map<String, ColumnKind> REQUIRED = new RequiredColumns()
            .add("prompt", ColumnKind.TEXT)
            .add("response_0", ColumnKind.TEXT)
            .add("response_1", ColumnKind.TEXT)
            .add("better_response_id", ColumnKind.INTEGER)
            .add("safer_response_id", ColumnKind.INTEGER)
            .build();
    private static final Set<String> COLUMNS =
            RequiredColumns.withOptional(REQUIRED, "is_response_0_safe", "is_response_1_safe");

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
    public TemplateChoice textTemplate() {
        return TemplateChoice.PKU;
    }

    @Override
    public Set<String> columns() {
        return COLUMNS;
    }

    @Override
    public PairAssembler newAssembler() {
        return PkuSafeRlhfPreset::assemble;
    }

    private static void assemble(SourceRow row, PairSink sink) {
        Record record = row.record();
        String a = record.text("response_0");
        String b = record.text("response_1");
        Rejection bad = Responses.check(row, "response_0", a, "response_1", b);
        if (bad == null) {
            bad = choice(row, "better_response_id");
        }
        if (bad == null) {
            bad = choice(row, "safer_response_id");
        }
        if (bad != null) {
            sink.reject(bad);
            return;
        }
        List<Outcome> outcomes = List.of(Outcomes.ofChoice(record.integer("better_response_id")),
                Outcomes.ofChoice(record.integer("safer_response_id")));
        Prompt prompt = Prompt.of(record.text("prompt"));
        if (record.type("is_response_0_safe") == ValueType.BOOLEAN
                && record.type("is_response_1_safe") == ValueType.BOOLEAN) {
            double[] scoresA = {Double.NaN, record.bool("is_response_0_safe") ? 1 : 0};
            double[] scoresB = {Double.NaN, record.bool("is_response_1_safe") ? 1 : 0};
            sink.keep(PreferenceExample.withScores(prompt, a, b, outcomes, scoresA, scoresB, row.file(),
                    row.row()));
        } else {
            sink.keep(PreferenceExample.of(prompt, a, b, outcomes, row.file(), row.row()));
        }
    }

    private static Rejection choice(SourceRow row, String field) {
        long id = row.record().integer(field);
        if (id == 0 || id == 1) {
            return null;
        }
        return new Rejection(row.file(), row.row(), RejectReason.INVALID_OUTCOME,
                "'" + field + "' is " + id + ", expected 0 (response_0) or 1 (response_1)");
    }
}
