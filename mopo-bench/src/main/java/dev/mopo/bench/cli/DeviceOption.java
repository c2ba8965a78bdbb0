package dev.mopo.bench.cli;

import ai.djl.Device;
import picocli.CommandLine.Option;

/**
 * The {@code --device} option every model command shares. CUDA needs DJL's CUDA natives on the
 * class path (see the README); with only the CPU natives, {@code cuda} fails with DJL's message.
 */
final class DeviceOption {

    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "cpu",
            description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    /** The DJL device named by the option. */
    Device device() {
        String name = device.trim().toLowerCase(java.util.Locale.ROOT);
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        if (name.equals("cuda") || name.equals("gpu")) {
            return Device.gpu();
        }
        if (name.startsWith("cuda:")) {
            try {
                return Device.gpu(Integer.parseInt(name.substring(5)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--device: expected cuda:N with a number N, got '" + device + "'");
            }
        }
        throw new IllegalArgumentException("--device: expected cpu, cuda or cuda:N, got '" + device + "'");
    }
}
