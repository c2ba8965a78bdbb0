package dev.mopo.datasets.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mopo.datasets.Fixtures;
import dev.mopo.datasets.batch.Encoded;
import dev.mopo.datasets.batch.TokenEncoder;
import dev.mopo.datasets.reject.BadRowException;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.template.RawTextTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Inspection reports on the fixtures, as text and as JSON. */
class DataInspectorTest {

    private static InspectionReport inspect(String relative, InspectOptions options) throws Exception {
        JsonNode entry = Fixtures.entry(relative);
        return DataInspector.inspect(Fixtures.file(relative), Fixtures.preset(entry), options);
    }

    @Test
    void reportsBalanceConflictAndLengths() throws Exception {
        InspectionReport report = inspect("pku-safe-rlhf/good/train.parquet", InspectOptions.defaults());
        assertEquals(16, report.rows());
        assertEquals(16, report.pairs());
        assertEquals(new OutcomeCounts(11, 5, 0), report.balance().get("helpfulness"));
        assertEquals(new OutcomeCounts(8, 8, 0), report.balance().get("harmlessness"));
        // Rows 2, 3, 5, 6, 9, 10, 12, 13 and 15 label helpfulness and harmlessness differently.
        assertEquals(new Conflict(16, 9), report.conflicts().get("harmlessness"));
        assertEquals(16, report.lengths().get("prompt").count());
        assertEquals("chars", report.lengthUnit());

        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals(16, json.get("pairs").asInt());
        assertTrue(json.get("rejected").isObject());
        assertEquals(0, json.get("rejected").size());
        assertEquals(9.0 / 16, json.get("conflict_rate").get("harmlessness").asDouble(), 1e-12);
        String text = report.toText();
        assertTrue(text.contains("pairs kept             16"), text);
        assertTrue(text.contains("56.3% (9 of 16)"), text);
        assertTrue(text.contains("11 (68.8%)"), text);
    }

    @Test
    void countsRejectionsByReasonAndNamesThem() throws Exception {
        InspectionReport report = inspect("pku-safe-rlhf/bad/invalid_outcome.parquet", InspectOptions.defaults());
        assertEquals(2L, report.rejected().get("invalid_outcome"));
        assertEquals(6, report.pairs());
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertEquals(2, json.get("rejected").get("invalid_outcome").asInt());
        assertEquals(1, json.get("rejected_examples").get(0).get("row").asInt());
        assertTrue(report.toText().contains("row 2: invalid_outcome: 'better_response_id' is 2"), report.toText());
    }

    @Test
    void aLabelOnOneObjectiveHasNoConflictRate() throws Exception {
        InspectionReport report = inspect("hh-rlhf/harmless-base/test.jsonl", InspectOptions.defaults());
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertTrue(json.get("conflict_rate").get("harmlessness").isNull());
        assertEquals(6, report.balance().get("helpfulness").ties());
    }

    @Test
    void aRefusedFileIsReportedOrThrownWhenStrict() throws Exception {
        InspectionReport report = inspect("pku-safe-rlhf/bad/missing_column.parquet", InspectOptions.defaults());
        assertEquals(0, report.pairs());
        assertEquals(8, report.rows());
        assertTrue(report.fileError().startsWith("missing_column: required column 'safer_response_id'"),
                report.fileError());
        assertTrue(new ObjectMapper().readTree(report.toJson()).get("file_error").asText().contains("missing_column"));
        assertThrows(DatasetFileException.class,
                () -> inspect("pku-safe-rlhf/bad/missing_column.parquet", InspectOptions.defaults().withStrict(true)));
    }

    @Test
    void strictStopsAtTheFirstBadRow() {
        BadRowException error = assertThrows(BadRowException.class,
                () -> inspect("generic/bad/invalid_utf8.jsonl", InspectOptions.defaults().withStrict(true)));
        assertTrue(error.getMessage().contains("invalid_utf8.jsonl row 4: invalid_utf8: malformed UTF-8 at byte "),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("(0xC3)"), error.getMessage());
    }

    /** One token per character; an 'S' cannot be encoded (no token covers it). */
    private static final TokenEncoder NO_CAPITAL_S = new TokenEncoder() {
        @Override
        public List<Encoded> encodeAll(List<String> texts, boolean addSpecialTokens) {
            List<Encoded> out = new ArrayList<>();
            for (String text : texts) {
                out.add(new Encoded(text.replace("S", "").codePoints().toArray(), text.indexOf('S')));
            }
            return out;
        }

        @Override
        public Optional<String> eosText() {
            return Optional.empty();
        }
    };

    @Test
    void lengthsCanBeCountedInTokensAndRefusedPairsAreRejections() throws Exception {
        String relative = "generic/good/labels.jsonl";
        InspectionReport chars = inspect(relative, InspectOptions.defaults());
        InspectionReport tokens = inspect(relative,
                InspectOptions.defaults().withTokens(NO_CAPITAL_S, RawTextTemplate.INSTANCE));
        assertEquals("tokens", tokens.lengthUnit());
        assertNull(tokens.fileError());
        // Rows 8 ("Should I text my ex?") and 10 (response a "Sydney.") hold an 'S'.
        assertEquals(Map.of("unencodable_text", 2L), tokens.rejected());
        assertEquals(12, tokens.rows());
        assertEquals(10, tokens.pairs());
        assertEquals(10, tokens.lengths().get("prompt").count());
        assertEquals(List.of(8L, 10L), List.of(tokens.examples().get(0).row(), tokens.examples().get(1).row()));
        assertTrue(tokens.toText().contains("labels.jsonl row 11: unencodable_text: response_a: the tokenizer cannot"
                + " encode 'S' (U+0053)"), tokens.toText());
        assertEquals(chars.lengths().get("response_b").max(), tokens.lengths().get("response_b").max());
        BadRowException strict = assertThrows(BadRowException.class, () -> inspect(relative,
                InspectOptions.defaults().withStrict(true).withTokens(NO_CAPITAL_S, RawTextTemplate.INSTANCE)));
        assertEquals(8, strict.rejection().row());
    }
}
