package dev.mopo.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.Locale;

/** Device names as users write them: {@code cpu}, {@code cuda} (or {@code gpu}), {@code cuda:N}. */
public final class Devices {

    private Devices() {}

    /**
     * The DJL device named {@code name}, checked usable: anything else is an error saying what is
     * accepted, and a CUDA device this build of PyTorch cannot run on (the CPU natives it ships, or
     * no such GPU) is an error pointing at the README's CUDA section.
     */
    public static Device parse(String name) {
        String normalised = name.trim().toLowerCase(Locale.ROOT);
        if (normalised.equals("cpu")) {
            return Device.cpu();
        }
        if (normalised.equals("cuda") || normalised.equals("gpu")) {
            return usable(Device.gpu(), name);
        }
        if (normalised.startsWith("cuda:")) {
            try {
                return usable(Device.gpu(Integer.parseInt(normalised.substring(5))), name);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device: expected cuda:N with a number N, got '" + name + "'");
            }
        }
        throw new IllegalArgumentException("device: expected cpu, cuda or cuda:N, got '" + name + "'");
    }

    /** {@code device} once one value has been placed on it. */
    private static Device usable(Device device, String name) {
        try (NDManager manager = NDManager.newBaseManager(device)) {
            manager.create(0f);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("device '" + name + "': PyTorch cannot run on " + device + " here ("
                    + e.getMessage().lines().findFirst().orElse("").replaceFirst("(?<=\\.) .*", "")
                    + "); this build ships PyTorch's CPU natives: for CUDA point PYTORCH_LIBRARY_PATH at a CUDA"
                    + " libtorch 2.7.1 (README, \"CUDA\"), or use --device cpu", e);
        }
        return device;
    }
}
