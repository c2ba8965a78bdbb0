package dev.mopo.cli;

import ai.djl.Device;
import dev.mopo.djl.Devices;
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
        return Devices.parse(device);
    }
}
