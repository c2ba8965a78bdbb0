package dev.mopo.bench.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mopo.core.io.AtomicFiles;
import dev.mopo.core.objective.Objective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's preference corpus: for each question, two answers drawn from {@code μ}, labelled by
 * every objective of {@link ArithmeticTask}. Written as a {@code generic}-preset JSONL file so the
 * trainer reads it through the same path as any user's corpus.
 */
final class DemoData {

    private DemoData() {}

    /** Writes {@code pairs} labelled pairs to {@code file}. */
    static void write(Path file, int pairs, long seed) throws IOException {
        Random random = new Random(seed);
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < pairs; i++) {
            Question question = ArithmeticTask.question(random);
            Exchange pair = new Exchange(question, ArithmeticTask.answer(question, random),
                    ArithmeticTask.answer(question, random));
            ObjectNode row = json.createObjectNode()
                    .put("prompt", question.prompt())
                    .put("response_a", pair.a())
                    .put("response_b", pair.b());
            for (Objective<Exchange> objective : ArithmeticTask.OBJECTIVES) {
                row.put(objective.name(), objective.compare(pair).sign());
            }
            lines.append(json.writeValueAsString(row)).append('\n');
        }
        AtomicFiles.writeString(file, lines.toString());
    }

    /** The preset options that read the corpus: objectives in order, labels per objective. */
    static String presetOptions() {
        List<String> names = new ArrayList<>();
        for (Objective<Exchange> objective : ArithmeticTask.OBJECTIVES) {
            names.add(objective.name());
        }
        return String.join(",", names);
    }
}
