package dev.mopo.datasets.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mopo.core.objective.Outcome;
import dev.mopo.datasets.Fixtures;
import dev.mopo.datasets.example.PreferenceExample;
import dev.mopo.datasets.preset.Preset;
import dev.mopo.datasets.reject.BadRowException;
import dev.mopo.datasets.reject.DatasetFileException;
import dev.mopo.datasets.reject.Rejection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture file, in every format and for every preset, read as expected.json says:
 * rows, pairs kept, each rejection by row and reason, file errors, per-objective outcome
 * counts and the spot-checked pairs; and in strict mode, the read stops at the first bad row.
 */
class ExpectedFixturesTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureReadsAsExpected() {
        return Fixtures.entries().stream().map(entry ->
                DynamicTest.dynamicTest(entry.get("path").asText(), () -> check(entry)));
    }

    @TestFactory
    Stream<DynamicTest> strictModeStopsAtTheFirstBadRow() {
        return Fixtures.entries().stream()
                .filter(entry -> entry.get("rejected").size() > 0 || !entry.get("file_error").isNull())
                .map(entry -> DynamicTest.dynamicTest(entry.get("path").asText(), () -> checkStrict(entry)));
    }

    private static void check(JsonNode entry) throws IOException {
        Path path = Fixtures.file(entry.get("path").asText());
        Preset preset = Fixtures.preset(entry);
        assertEquals(names(entry.get("objectives")), preset.objectives().names(), "objectives");
        if (!entry.get("file_error").isNull()) {
            DatasetFileException error = assertThrows(DatasetFileException.class,
                    () -> readAll(path, preset, ReadOptions.lenient(), new ArrayList<>()));
            assertEquals(entry.get("file_error").get("reason").asText(), error.reason(), error.getMessage());
            assertEquals(entry.get("rows").asLong(), error.rows().orElse(-1), "physical rows of " + path);
            assertTrue(error.getMessage().contains(path.getFileName().toString()), error.getMessage());
            return;
        }
        List<Rejection> rejections = new ArrayList<>();
        PairReader reader;
        List<PreferenceExample> pairs;
        try (PairReader opened = PairReader.open(path, preset, ReadOptions.lenient().withListener(rejections::add))) {
            pairs = new ArrayList<>();
            opened.forEachRemaining(pairs::add);
            reader = opened;
        }
        assertEquals(entry.get("rows").asLong(), reader.stats().rows(), "rows");
        assertEquals(entry.get("pairs_kept").asInt(), pairs.size(), "pairs kept; rejections " + rejections);
        assertEquals(pairs.size(), reader.stats().pairs(), "stats.pairs");

        rejections.sort(Comparator.comparingLong(Rejection::row));
        List<String> expectedRejections = new ArrayList<>();
        entry.get("rejected").forEach(r -> expectedRejections.add(r.get("row").asLong() + ":" + r.get("reason").asText()));
        List<String> actualRejections = new ArrayList<>();
        for (Rejection rejection : rejections) {
            actualRejections.add(rejection.row() + ":" + rejection.reason().key());
            assertTrue(rejection.message().contains(path.getFileName().toString()), rejection.message());
            assertTrue(rejection.message().contains("row " + (rejection.row() + 1)), "messages count rows from 1: "
                    + rejection.message());
        }
        assertEquals(expectedRejections, actualRejections, "rejections (row:reason)");
        assertEquals(rejections.size(), reader.stats().rejectedTotal(), "stats.rejected");

        List<String> objectives = preset.objectives().names();
        for (int k = 0; k < objectives.size(); k++) {
            JsonNode counts = entry.get("outcome_counts").get(objectives.get(k));
            long[] actual = new long[3];
            for (PreferenceExample pair : pairs) {
                actual[1 - pair.outcome(k).sign()]++;
            }
            assertEquals(counts.get("+1").asLong(), actual[0], objectives.get(k) + " +1");
            assertEquals(counts.get("0").asLong(), actual[1], objectives.get(k) + " 0");
            assertEquals(counts.get("-1").asLong(), actual[2], objectives.get(k) + " -1");
        }

        for (JsonNode spot : entry.path("spot_checks")) {
            PreferenceExample pair = pairs.get(spot.get("pair_index").asInt());
            String where = entry.get("path").asText() + " pair " + spot.get("pair_index").asInt();
            assertEquals(spot.get("prompt").asText(), pair.prompt().text(), where + " prompt");
            assertEquals(spot.get("response_a").asText(), pair.responseA(), where + " response_a");
            assertEquals(spot.get("response_b").asText(), pair.responseB(), where + " response_b");
            long[] rows = new long[spot.get("source_rows").size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = spot.get("source_rows").get(i).asLong();
            }
            assertEquals(Arrays.toString(rows), Arrays.toString(pair.sourceRows()), where + " source rows");
            for (int k = 0; k < objectives.size(); k++) {
                Outcome expected = Outcome.ofSign(spot.get("outcomes").get(objectives.get(k)).asInt());
                assertEquals(expected, pair.outcome(k), where + " " + objectives.get(k));
            }
        }
    }

    private static void checkStrict(JsonNode entry) {
        Path path = Fixtures.file(entry.get("path").asText());
        Preset preset = Fixtures.preset(entry);
        if (!entry.get("file_error").isNull()) {
            DatasetFileException error = assertThrows(DatasetFileException.class,
                    () -> readAll(path, preset, ReadOptions.strictly(), new ArrayList<>()));
            assertEquals(entry.get("file_error").get("reason").asText(), error.reason());
            return;
        }
        List<PreferenceExample> before = new ArrayList<>();
        BadRowException error = assertThrows(BadRowException.class,
                () -> readAll(path, preset, ReadOptions.strictly(), before));
        List<String> reasons = new ArrayList<>();
        entry.get("rejected").forEach(r -> reasons.add(r.get("row").asLong() + ":" + r.get("reason").asText()));
        Rejection first = error.rejection();
        assertTrue(reasons.contains(first.row() + ":" + first.reason().key()), first.message() + " not in " + reasons);
        assertTrue(error.getMessage().contains(path.getFileName().toString()), error.getMessage());
        assertTrue(error.getMessage().contains("row " + (first.row() + 1) + ": " + first.reason().key()), error.getMessage());
        assertTrue(before.size() <= entry.get("pairs_kept").asInt());
    }

    private static void readAll(Path path, Preset preset, ReadOptions options, List<PreferenceExample> out)
            throws IOException {
        try (PairReader reader = PairReader.open(path, preset, options)) {
            reader.forEachRemaining(out::add);
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
