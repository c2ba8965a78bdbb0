package dev.mopo.core.dual;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mopo.core.objective.ObjectiveSet;
import org.junit.jupiter.api.Test;

class DualAscentTest {

    private static final ObjectiveSet THREE = ObjectiveSet.of("helpful", "harmless", "honest");

    @Test
    void violatedConstraintsRaiseTheirMultiplierAndSlackOnesLowerIt() {
        DualConfig config = new DualConfig(2.0, 1, 100, 0, 0.05);
        DualAscent dual = new DualAscent(THREE, new double[] {0.6, 0.4}, config, new double[] {1, 1});
        DualUpdate update = dual.update(1, new double[] {0.7, 0.5, 0.55}, 100, 200);
        assertArrayEquals(new double[] {1 + 2 * 0.1, 1 - 2 * 0.15}, update.lambda(), 1e-12);
        assertTrue(update.reliable());
    }

    @Test
    void multipliersStayInsideZeroAndTheCap() {
        DualConfig config = new DualConfig(10, 1, 3, 0, 0.05);
        DualAscent dual = new DualAscent(THREE, new double[] {0.9, 0.1}, config, null);
        dual.update(1, new double[] {0.5, 0.2, 0.8}, 10, 10);
        dual.update(2, new double[] {0.5, 0.2, 0.8}, 10, 10);
        assertArrayEquals(new double[] {3, 0}, dual.lambda(), 0);
    }

    @Test
    void estimatesAreSmoothedByTheMovingAverage() {
        DualConfig config = new DualConfig(1, 1, 100, 0.9, 0.05);
        DualAscent dual = new DualAscent(THREE, new double[] {0.5, 0.5}, config, null);
        dual.update(1, new double[] {0.5, 0.4, 0.5}, 10, 10);
        DualUpdate second = dual.update(2, new double[] {0.5, 0.6, 0.5}, 10, 10);
        assertEquals(0.9 * 0.4 + 0.1 * 0.6, second.metrics().get("win_rate/harmless"), 1e-12);
        assertEquals(0.6, second.metrics().get("raw_win_rate/harmless"), 0);
        assertEquals(0.1 + (0.5 - 0.42), second.lambda()[0], 1e-12);
    }

    @Test
    void collapsedEffectiveSampleSizeIsFlagged() {
        DualAscent dual = new DualAscent(THREE, new double[] {0.5, 0.5}, DualConfig.DEFAULT, null);
        DualUpdate update = dual.update(1, new double[] {0.5, 0.5, 0.5}, 1.5, 512);
        assertFalse(update.reliable());
    }

    @Test
    void runsOnlyEveryInterval() {
        DualAscent dual = new DualAscent(THREE, new double[] {0.5, 0.5}, DualConfig.DEFAULT.withInterval(4), null);
        assertFalse(dual.isDue(3));
        assertTrue(dual.isDue(8));
    }

    @Test
    void restoredStateGivesTheSameNextUpdate() {
        DualAscent dual = new DualAscent(THREE, new double[] {0.6, 0.55}, DualConfig.DEFAULT, null);
        dual.update(1, new double[] {0.5, 0.4, 0.45}, 10, 10);
        dual.update(2, new double[] {0.5, 0.45, 0.5}, 10, 10);
        DualAscent restored = new DualAscent(THREE, new double[] {0.6, 0.55}, DualConfig.DEFAULT, null);
        restored.restore(JsonRoundTrip.of(dual.state()));
        double[] next = {0.52, 0.5, 0.6};
        assertArrayEquals(dual.update(3, next, 10, 10).lambda(), restored.update(3, next, 10, 10).lambda(), 0);
        assertEquals(3, restored.state().updates());
    }

    @Test
    void stateWithoutMultipliersIsRefused() {
        DualAscent dual = new DualAscent(THREE, new double[] {0.6, 0.55}, DualConfig.DEFAULT, null);
        DualState empty = new DualState("ascent", 0, null, null, null, null, null, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dual.restore(empty));
        assertTrue(e.getMessage().contains("multipliers"), e.getMessage());
    }

    @Test
    void stateOfAnotherRuleIsRefused() {
        DualAscent dual = new DualAscent(THREE, new double[] {0.6, 0.55}, DualConfig.DEFAULT, null);
        DualState other = new DualState("data-lagrangian", 0, new double[2], new double[2], null, null, null, null, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dual.restore(other));
        assertTrue(e.getMessage().contains("data-lagrangian"), e.getMessage());
    }
}
