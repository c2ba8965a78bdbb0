package dev.mopo.djl.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LossScalerTest {

    @Test
    void startsAtGradScalersDefaults() {
        LossScaler scaler = LossScaler.standard();
        assertEquals(65536, scaler.scale());
        for (int i = 0; i < 1999; i++) {
            scaler.update(false);
        }
        assertEquals(65536, scaler.scale());
        scaler.update(false);
        assertEquals(131072, scaler.scale());
    }

    @Test
    void overflowHalvesAndRestartsTheGrowthCount() {
        LossScaler scaler = new LossScaler(1024, 3);
        scaler.update(false);
        scaler.update(false);
        scaler.update(true);
        assertEquals(512, scaler.scale());
        scaler.update(false);
        scaler.update(false);
        assertEquals(512, scaler.scale(), "two good steps since the overflow are not yet three");
        scaler.update(false);
        assertEquals(1024, scaler.scale());
        assertEquals(1, scaler.overflows());
    }

    @Test
    void restoresItsState() {
        LossScaler scaler = new LossScaler(1024, 3);
        scaler.update(true);
        scaler.update(false);
        scaler.update(false);
        LossScaler resumed = new LossScaler(1, 3);
        resumed.restore(scaler.state());
        assertEquals(scaler.state(), resumed.state());
        resumed.update(false);
        assertEquals(1024, resumed.scale());
    }
}
