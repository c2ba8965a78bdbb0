package dev.mopo.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mopo} command line: every subcommand of mopo, one entry point. */
@Command(
        name = "mopo",
        mixinStandardHelpOptions = true,
        versionProvider = MopoCommand.Version.class,
        description = "Multi-objective preference optimisation for language models, on the Deep Java Library.",
        subcommands = {DemoCommand.class, TrainCommand.class, DataCommand.class, ModelCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class MopoCommand {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (for tests and embedding). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MopoCommand());
        TrainCommand.addSettingOptions(commandLine.getSubcommands().get("train").getCommandSpec());
        commandLine.setExecutionExceptionHandler(new Errors());
        return commandLine;
    }

    /** Reports the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MopoCommand.class.getPackage().getImplementationVersion();
            return new String[] {"mopo " + (version == null ? "(development build)" : version)};
        }
    }
}
