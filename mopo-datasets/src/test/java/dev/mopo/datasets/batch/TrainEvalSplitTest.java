package dev.mopo.datasets.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mopo.datasets.example.PreferenceExample;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The split is stable, disjoint, complete and close to the asked fraction. */
class TrainEvalSplitTest {

    @Test
    void splitsByContentWithTheAskedShare() {
        List<PreferenceExample> pairs = Examples.many(4000);
        TrainEvalSplit split = new TrainEvalSplit(0.1, 42);
        List<PreferenceExample> train = drain(split.train(pairs.iterator()));
        List<PreferenceExample> eval = drain(split.eval(pairs.iterator()));
        assertEquals(pairs.size(), train.size() + eval.size());
        assertEquals(400, eval.size(), 60);
        assertEquals(eval, drain(new TrainEvalSplit(0.1, 42).eval(pairs.iterator())));
        assertNotEquals(eval, drain(new TrainEvalSplit(0.1, 43).eval(pairs.iterator())));
        for (PreferenceExample pair : eval) {
            PreferenceExample same = Examples.pair(pair.prompt().text(), pair.responseA(), pair.responseB(), 0);
            assertEquals(true, split.isEval(same), "the same content lands on the same side");
        }
    }

    @Test
    void theFractionMustBeBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new TrainEvalSplit(1.0, 0));
        assertEquals(0, drain(new TrainEvalSplit(0.0, 0).eval(Examples.many(100).iterator())).size());
    }

    private static List<PreferenceExample> drain(Iterator<PreferenceExample> it) {
        List<PreferenceExample> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
