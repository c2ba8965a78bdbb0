package dev.mopo.cli.sweep;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command that starts this application again in a new JVM — the same {@code java}, JVM options,
 * class path (made absolute) and main class — so that a batch job on another node of the cluster
 * runs the same mopo, given a shared file system. Debugger and agent options are left out.
 */
final class ThisJava {

    private ThisJava() {}

    /** {@code java [options] -cp CLASSPATH MAIN}, ready for the main class's arguments. */
    static List<String> command(Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:") && !option.startsWith("-javaagent:")
                    && !option.startsWith("-Xrunjdwp")) {
                command.add(option);
            }
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(main.getName());
        return command;
    }
}
