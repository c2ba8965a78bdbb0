package dev.mopo.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** Device names, and a CUDA device refused in one line where this build cannot run on it. */
class DevicesTest {

    @Test
    void namesAndTheirErrors() {
        assertEquals(Device.cpu(), Devices.parse(" CPU "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Devices.parse("tpu")).getMessage()
                .contains("expected cpu, cuda or cuda:N, got 'tpu'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Devices.parse("cuda:x")).getMessage()
                .contains("expected cuda:N with a number N"));
    }

    /** On a build with CUDA natives and a GPU the device works; anywhere else the refusal points at the README. */
    @Test
    void cudaIsUsableOrRefusedWithTheWayToEnableIt() {
        Device gpu;
        try {
            gpu = Devices.parse("cuda");
        } catch (IllegalArgumentException e) {
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("PYTORCH_LIBRARY_PATH") && e.getMessage().contains("--device cpu"),
                    e.getMessage());
            return;
        }
        try (NDManager manager = NDManager.newBaseManager(gpu)) {
            assertEquals(3f, manager.create(new float[] {1, 2}).sum().getFloat());
        }
    }
}
