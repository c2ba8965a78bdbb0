package dev.mopo.djl.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mopo.djl.train.config.LrSchedule;
import dev.mopo.djl.train.config.OptimizerSettings;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyThenDecays() {
        LearningRateSchedule cosine = new LearningRateSchedule(settings(10, LrSchedule.COSINE), 110);
        assertEquals(1e-4, cosine.at(1), 1e-15);
        assertEquals(1e-3, cosine.at(10), 1e-15);
        assertEquals(0.5e-3, cosine.at(60), 1e-12);
        assertEquals(0, cosine.at(110), 1e-15);
        LearningRateSchedule linear = new LearningRateSchedule(settings(0, LrSchedule.LINEAR), 100);
        assertEquals(0.75e-3, linear.at(25), 1e-12);
        assertEquals(0, linear.at(500), 1e-15);
        LearningRateSchedule constant = new LearningRateSchedule(settings(4, LrSchedule.CONSTANT), 100);
        assertEquals(0.5e-3, constant.at(2), 1e-15);
        assertEquals(1e-3, constant.at(90), 1e-15);
    }

    private static OptimizerSettings settings(int warmup, LrSchedule schedule) {
        return new OptimizerSettings(1e-3, warmup, schedule, 0, 1, 8, 1, 1, 0);
    }
}
