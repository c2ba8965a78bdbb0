package dev.mopo.cli;

import dev.mopo.cli.eval.EvalCommand;
import dev.mopo.cli.sweep.SweepCommand;
import dev.mopo.cli.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mopo} command line: every subcommand of mopo, one entry point. */
@Command(
        name = "mopo",
        mixinStandardHelpOptions = true,
        versionProvider = MopoCommand.Version.class,
        description = "Multi-objective preference optimisation for language models, on the Deep Java Library.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvalCommand.class, SweepCommand.class, DataCommand.class,
            ModelCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class MopoCommand {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (for tests and embedding). */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MopoCommand());
        ChoiceConverters.registerAll(commandLine);
        TrainCommand.describeDefaults(commandLine.getSubcommands().get("train").getCommandSpec());
        FlagVocabulary.apply(commandLine);
        Errors errors = new Errors();
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
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
