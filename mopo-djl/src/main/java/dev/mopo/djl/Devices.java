package dev.mopo.djl;

import ai.djl.Device;
import java.util.Locale;

/** Device names as users write them: {@code cpu}, {@code cuda} (or {@code gpu}), {@code cuda:N}. */
public final class Devices {

    private Devices() {}

    /** The DJL device named {@code name}; anything else is an error saying what is accepted. */
    public static Device parse(String name) {
        String normalised = name.trim().toLowerCase(Locale.ROOT);
        if (normalised.equals("cpu")) {
            return Device.cpu();
        }
        if (normalised.equals("cuda") || normalised.equals("gpu")) {
            return Device.gpu();
        }
        if (normalised.startsWith("cuda:")) {
            try {
                return Device.gpu(Integer.parseInt(normalised.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("device: expected cuda:N with a number N, got '" + name + "'");
            }
        }
        throw new IllegalArgumentException("device: expected cpu, cuda or cuda:N, got '" + name + "'");
    }
}
