package dev.mopo.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One vocabulary of flags across the commands, applied to the whole command tree once built:
 * old names ({@code --out}, {@code --seq}, {@code --template}) keep working but leave the help,
 * which shows the current ones ({@code --output}, {@code --sequence}, {@code --chat-template});
 * every option with a default names it, and every required option says so.
 */
final class FlagVocabulary {

    /**
     * Names replaced by a longer one that the same option also carries; accepted, not shown. Such an
     * option is split in two bound to one field, so it may be neither required (picocli would ask for
     * the shown name) nor have a {@code defaultValue} (picocli would apply it over the old name's value;
     * a field's initial value is fine).
     */
    static final Set<String> OLD_NAMES = Set.of("--out", "--seq", "--template");

    private FlagVocabulary() {}

    /** Applies the vocabulary to {@code commandLine} and every subcommand under it. */
    static void apply(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        for (OptionSpec option : new ArrayList<>(spec.options())) {
            if (option.usageHelp() || option.versionHelp() || option.hidden()) {
                continue;
            }
            List<String> current = new ArrayList<>();
            List<String> old = new ArrayList<>();
            for (String name : option.names()) {
                (OLD_NAMES.contains(name) ? old : current).add(name);
            }
            if (!old.isEmpty() && (current.isEmpty() || option.required() || option.defaultValue() != null)) {
                throw new IllegalStateException(spec.qualifiedName() + " " + String.join(", ", old)
                        + ": an old name needs a current one beside it, on an option neither required nor with a"
                        + " defaultValue");
            }
            spec.remove(option);
            spec.addOption(option.toBuilder().names(current.toArray(String[]::new))
                    .description(marked(option)).build());
            if (!old.isEmpty()) {
                spec.addOption(option.toBuilder().names(old.toArray(String[]::new)).hidden(true).build());
            }
        }
        for (CommandLine subcommand : commandLine.getSubcommands().values()) {
            apply(subcommand);
        }
    }

    /** The description, ending with the default value or "(required)" where it does not say already. */
    private static String[] marked(OptionSpec option) {
        String[] description = option.description().length == 0 ? new String[] {""} : option.description().clone();
        String text = String.join(" ", description).toLowerCase(Locale.ROOT);
        String last = description[description.length - 1];
        if (option.required() && !text.contains("required")) {
            last += " (required)";
        } else if (hasDefault(option) && !text.contains("default") && option.arity().max() > 0) {
            last += " (default: ${DEFAULT-VALUE})";
        }
        description[description.length - 1] = last.strip();
        return description;
    }

    /** Whether the option has a value when not given: a default, or a field's initial value that says something. */
    private static boolean hasDefault(OptionSpec option) {
        if (option.defaultValue() != null) {
            return true;
        }
        Object initial = option.hasInitialValue() ? option.initialValue() : null;
        return initial != null && !(initial instanceof Collection<?> values && values.isEmpty())
                && !(initial instanceof Map<?, ?> entries && entries.isEmpty());
    }
}
