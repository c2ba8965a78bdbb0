package dev.mopo.djl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mopo.djl.train.LearningRateSchedule.Decay;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecays() {
        LearningRateSchedule cosine = new LearningRateSchedule(1e-3, 10, 110, Decay.COSINE, 0);
        assertEquals(1e-4, cosine.at(1), 1e-15);
        assertEquals(1e-3, cosine.at(10), 1e-15);
        assertEquals(0.5e-3, cosine.at(60), 1e-12);
        assertEquals(0, cosine.at(110), 1e-15);
        LearningRateSchedule linear = new LearningRateSchedule(1e-3, 0, 100, Decay.LINEAR, 0.1);
        assertEquals(1e-4 + 0.9e-3 * 0.75, linear.at(25), 1e-12);
        assertEquals(1e-4, linear.at(500), 1e-15);
    }
}
