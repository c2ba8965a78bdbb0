package dev.mopo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class FlagVocabularyTest {

    @Test
    void everyHelpShowsCurrentNamesDefaultsAndRequiredMarks() {
        List<String> problems = new ArrayList<>();
        visit(MopoCommand.commandLine(), problems);
        assertEquals(List.of(), problems);
    }

    private static void visit(CommandLine commandLine, List<String> problems) {
        String command = commandLine.getCommandSpec().qualifiedName();
        String help = commandLine.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String description = String.join(" ", option.description()).toLowerCase(java.util.Locale.ROOT);
            for (String name : option.names()) {
                if (FlagVocabulary.OLD_NAMES.contains(name)) {
                    problems.add(command + " shows the old name " + name);
                }
            }
            if (option.required() && !description.contains("required")) {
                problems.add(command + " " + option.longestName() + " is required but its help does not say so");
            }
            if (option.defaultValue() != null && option.arity().max() > 0 && !description.contains("default")) {
                problems.add(command + " " + option.longestName() + " has a default its help does not show");
            }
        }
        assertFalse(help.contains("--out="), command + " help still shows --out: " + help);
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            visit(subcommand, problems);
        }
    }

    @Test
    void oldNamesStillWork() {
        CommandLine root = MopoCommand.commandLine();
        root.parseArgs("model", "info", "--model", "m", "--seq", "77");
        CommandLine info = root.getSubcommands().get("model").getSubcommands().get("info");
        assertEquals(77, (Integer) info.getCommandSpec().findOption("--sequence").getValue());
        root.parseArgs("demo", "--out", "somewhere");
        assertEquals(Path.of("somewhere"), root.getSubcommands().get("demo").getCommandSpec().findOption("--output")
                .getValue());
        root.parseArgs("model", "info", "--model", "m");
        assertEquals(1024, (Integer) info.getCommandSpec().findOption("--sequence").getValue());
        assertTrue(info.getUsageMessage(CommandLine.Help.Ansi.OFF).contains("--sequence=<sequence>"));
    }
}
